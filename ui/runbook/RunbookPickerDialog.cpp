#include "RunbookPickerDialog.h"

#include "RunbookListModel.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace Sitrep::Ui {

RunbookPickerDialog::RunbookPickerDialog(Sitrep::Runbook::RunbookLibrary::Scan scan, QString browseFrom,
                                         QWidget *parent)
    : QDialog(parent)
    , m_model(new RunbookListModel(std::move(scan), this))
    , m_view(new QTableView(this))
    , m_summary(new QLabel(this))
    , m_browseFrom(std::move(browseFrom))
{
    setWindowTitle(tr("Open runbook"));
    setObjectName(QStringLiteral("runbookPicker"));
    m_view->setModel(m_model);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(RunbookListModel::Title, QHeaderView::ResizeToContents);
    m_view->horizontalHeader()->setSectionResizeMode(RunbookListModel::Alerts, QHeaderView::Stretch);
    m_view->horizontalHeader()->setSectionResizeMode(RunbookListModel::File, QHeaderView::ResizeToContents);
    m_view->setWordWrap(false);
    m_summary->setWordWrap(true);
    const int broken = m_model->failureCount();
    const int usable = m_model->rowCount() - broken;
    m_summary->setText(broken == 0 ? tr("%n runbook(s). Enter opens the selected one.", nullptr, usable)
                                   : tr("%n runbook(s); %1 could not be read (in red: hover for the error, "
                                        "fix the file and open this list again).",
                                        nullptr, usable)
                                         .arg(broken));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this);
    QPushButton *browse = buttons->addButton(tr("Browse\u2026"), QDialogButtonBox::ActionRole);
    connect(buttons, &QDialogButtonBox::accepted, this, &RunbookPickerDialog::acceptCurrent);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_view, &QTableView::activated, this, &RunbookPickerDialog::acceptCurrent);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Open runbook"), m_browseFrom,
                                                          tr("Markdown runbooks (*.md);;All files (*)"));
        if (!path.isEmpty())
            choose(path);
    });
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_summary);
    layout->addWidget(buttons);
    resize(900, 420);
    if (usable > 0)
        m_view->selectRow(0);
}

QString RunbookPickerDialog::summaryText() const
{
    return m_summary->text();
}

void RunbookPickerDialog::choose(const QString &path)
{
    m_chosen = path;
    accept();
}

void RunbookPickerDialog::acceptCurrent()
{
    const QModelIndex current = m_view->currentIndex();
    if (!current.isValid() || !(m_model->flags(current) & Qt::ItemIsSelectable))
        return;
    choose(current.data(RunbookListModel::PathRole).toString());
}

} // namespace Sitrep::Ui
