#include "NewIncidentDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>

using namespace Sitrep::Core;

namespace Sitrep::Ui {

NewIncidentDialog::NewIncidentDialog(const QString &defaultDir, const QString &commander,
                                     const SeverityScheme &scheme, QWidget *parent)
    : QDialog(parent)
    , m_dir(defaultDir)
    , m_scheme(scheme.isEmpty() ? SeverityScheme::defaults() : scheme)
    , m_title(new QLineEdit(this))
    , m_service(new QLineEdit(this))
    , m_severity(new QComboBox(this))
    , m_commander(new QLineEdit(commander, this))
    , m_impactKnown(new QCheckBox(tr("Impact started at"), this))
    , m_impact(new QDateTimeEdit(QDateTime::currentDateTimeUtc(), this))
    , m_path(new QLineEdit(this))
    , m_error(new QLabel(this))
{
    setWindowTitle(tr("Declare incident"));
    setObjectName(QStringLiteral("newIncidentDialog"));
    m_title->setObjectName(QStringLiteral("title"));
    m_title->setPlaceholderText(tr("What is broken, as users see it (e.g. Checkout returns 502)"));
    m_service->setObjectName(QStringLiteral("service"));
    m_service->setPlaceholderText(tr("api-gateway"));
    for (const auto &level : m_scheme.levels())
        m_severity->addItem(QStringLiteral("%1 \u2014 %2").arg(level.name, level.description), level.name);
    m_severity->setCurrentIndex(m_severity->count() > 1 ? 1 : 0);
    m_impact->setTimeSpec(Qt::UTC);
    m_impact->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm 'UTC'"));
    m_impact->setEnabled(false);
    m_path->setObjectName(QStringLiteral("path"));
    m_error->setStyleSheet(QStringLiteral("color:#e53935;"));
    m_error->setWordWrap(true);
    m_error->hide();

    auto *form = new QFormLayout(this);
    m_form = form;
    form->addRow(tr("&Title"), m_title);
    form->addRow(tr("&Service"), m_service);
    form->addRow(tr("Se&verity"), m_severity);
    form->addRow(tr("&Commander"), m_commander);
    form->addRow(m_impactKnown, m_impact);
    form->addRow(tr("&File"), m_path);
    form->addRow(m_error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    buttons->button(QDialogButtonBox::Ok)->setText(tr("Declare"));
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &NewIncidentDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_impactKnown, &QCheckBox::toggled, m_impact, &QWidget::setEnabled);
    connect(m_title, &QLineEdit::textChanged, this, [this] {
        if (!m_path->isModified())
            m_path->setText(suggestedPath());
    });
    m_path->setText(suggestedPath());
}

QString NewIncidentDialog::suggestedPath() const
{
    QString slug = m_title->text().toLower();
    slug.replace(QRegularExpression(QStringLiteral("[^a-z0-9]+")), QStringLiteral("-"));
    slug = slug.left(40);
    while (slug.endsWith(QLatin1Char('-')))
        slug.chop(1);
    while (slug.startsWith(QLatin1Char('-')))
        slug.remove(0, 1);
    const QString stamp = QDateTime::currentDateTimeUtc().toString(QStringLiteral("yyyyMMdd-HHmm"));
    return QDir(m_dir).filePath(stamp + (slug.isEmpty() ? QString() : QLatin1Char('-') + slug) +
                                QStringLiteral(".sitrep"));
}

IncidentSession::Declaration NewIncidentDialog::declaration() const
{
    IncidentSession::Declaration d;
    d.title = m_title->text();
    d.service = m_service->text();
    d.severity = m_severity->currentData().toString();
    d.severities = m_scheme;
    d.commander = m_commander->text();
    if (m_impactKnown->isChecked())
        d.impactStarted = m_impact->dateTime().toUTC();
    return d;
}

void NewIncidentDialog::addSection(const QString &label, QWidget *widget)
{
    int row = -1;
    QFormLayout::ItemRole role;
    m_form->getWidgetPosition(m_path, &row, &role);
    m_form->insertRow(row < 0 ? m_form->rowCount() : row, label, widget);
}

QString NewIncidentDialog::filePath() const
{
    return m_path->text().trimmed();
}

void NewIncidentDialog::accept()
{
    if (m_title->text().trimmed().isEmpty()) {
        m_error->setText(tr("An incident needs a title."));
        m_error->show();
        m_title->setFocus();
        return;
    }
    if (filePath().isEmpty() || QFileInfo::exists(filePath())) {
        m_error->setText(filePath().isEmpty()
                             ? tr("Choose where to keep the incident file.")
                             : tr("%1 already exists; choose another file.").arg(filePath()));
        m_error->show();
        m_path->setFocus();
        return;
    }
    QDialog::accept();
}

} // namespace Sitrep::Ui
