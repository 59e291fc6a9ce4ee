#include "StockSentencesDialog.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace Sitrep::Ui {

using Sitrep::Comms::StockSentences;
using Sitrep::Core::Status;

StockSentencesDialog::StockSentencesDialog(const StockSentences &sentences, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(QStringLiteral("Stock sentences"));
    auto *layout = new QVBoxLayout(this);
    auto *intro =
        new QLabel(QStringLiteral("Each update opens with the sentence for its status. Leave a line empty "
                                  "for the default."),
                   this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    auto *form = new QFormLayout;
    for (const auto s : {Status::Investigating, Status::Identified, Status::Monitoring, Status::Resolved}) {
        auto *edit = new QLineEdit(this);
        edit->setPlaceholderText(StockSentences::defaultSentence(s));
        edit->setMinimumWidth(480);
        if (!sentences.isDefault(s))
            edit->setText(sentences.sentence(s));
        form->addRow(Sitrep::Core::statusTitle(s) + QLatin1Char(':'), edit);
        m_edits << edit;
    }
    layout->addLayout(form);
    auto *buttons = new QDialogButtonBox(
        QDialogButtonBox::Ok | QDialogButtonBox::Cancel | QDialogButtonBox::RestoreDefaults, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(buttons->button(QDialogButtonBox::RestoreDefaults), &QPushButton::clicked, this, [this] {
        for (auto *e : m_edits)
            e->clear();
    });
    layout->addWidget(buttons);
}

StockSentences StockSentencesDialog::sentences() const
{
    StockSentences out;
    for (int i = 0; i < m_edits.size(); ++i)
        out.setSentence(static_cast<Status>(i), m_edits[i]->text());
    return out;
}

} // namespace Sitrep::Ui
