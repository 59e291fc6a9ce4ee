#include "DescribeDialog.h"

#include "kube/YamlText.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QPlainTextEdit>
#include <QVBoxLayout>

namespace Sitrep::Ui {

DescribeDialog::DescribeDialog(const QString &title, const QJsonObject &object, QWidget *parent)
    : QDialog(parent)
    , m_object(object)
{
    setWindowTitle(title);
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    top->addWidget(new QLabel(title, this), 1);
    m_format = new QComboBox(this);
    m_format->addItems({QStringLiteral("YAML"), QStringLiteral("JSON")});
    top->addWidget(m_format);
    layout->addLayout(top);
    m_text = new QPlainTextEdit(this);
    m_text->setReadOnly(true);
    m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_text->setMinimumSize(640, 480);
    layout->addWidget(m_text, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    connect(m_format, &QComboBox::currentIndexChanged, this, [this](int i) { setFormat(i == 0); });
    setFormat(true);
}

void DescribeDialog::setFormat(bool yaml)
{
    m_format->setCurrentIndex(yaml ? 0 : 1);
    m_text->setPlainText(yaml ? Kube::YamlText::fromJson(m_object)
                              : QString::fromUtf8(QJsonDocument(m_object).toJson(QJsonDocument::Indented)));
}

QString DescribeDialog::text() const
{
    return m_text->toPlainText();
}

} // namespace Sitrep::Ui
