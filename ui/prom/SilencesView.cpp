#include "SilencesView.h"

#include "SilencesModel.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QKeyEvent>
#include <QLabel>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace Sitrep::Ui {

SilencesView::SilencesView(SilencesModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_view(new QTableView(this))
    , m_expire(new QPushButton(QStringLiteral("E&xpire silence..."), this))
    , m_title(new QLabel(this))
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *bar = new QHBoxLayout;
    bar->addWidget(m_title, 1);
    bar->addWidget(m_expire);
    layout->addLayout(bar);
    m_view->setModel(m_model);
    m_view->setAccessibleName(QStringLiteral("Active silences"));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::SingleSelection);
    m_view->verticalHeader()->hide();
    m_view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // What is muted and why matter most: those two share the width; the short columns fit their text.
    m_view->horizontalHeader()->setSectionResizeMode(SilencesModel::MatchersColumn, QHeaderView::Stretch);
    m_view->horizontalHeader()->setSectionResizeMode(SilencesModel::CommentColumn, QHeaderView::Stretch);
    m_view->setWordWrap(false);
    layout->addWidget(m_view, 1);
    m_expire->setToolTip(QStringLiteral("End the selected silence now: its alerts notify again"));

    m_view->installEventFilter(this); // Delete on the table does what the button does (keyboard first)
    connect(m_expire, &QPushButton::clicked, this, &SilencesView::requestExpire);
    connect(m_view->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &SilencesView::updateState);
    connect(m_model, &QAbstractItemModel::rowsInserted, this, &SilencesView::updateState);
    connect(m_model, &QAbstractItemModel::rowsRemoved, this, &SilencesView::updateState);
    updateState();
}

bool SilencesView::eventFilter(QObject *watched, QEvent *event)
{
    if (watched == m_view && event->type() == QEvent::KeyPress &&
        static_cast<QKeyEvent *>(event)->key() == Qt::Key_Delete) {
        requestExpire();
        return true;
    }
    return QWidget::eventFilter(watched, event);
}

void SilencesView::requestExpire()
{
    const QString id = selectedId();
    if (!id.isEmpty())
        emit expireRequested(id);
}

QString SilencesView::selectedId() const
{
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    return rows.isEmpty() ? QString() : rows.first().data(SilencesModel::IdRole).toString();
}

bool SilencesView::selectId(const QString &id)
{
    const int row = m_model->rowOf(id);
    if (row < 0)
        return false;
    m_view->selectRow(row);
    return true;
}

void SilencesView::updateState()
{
    const int n = m_model->rowCount();
    m_title->setText(n == 0 ? QStringLiteral("No active silences")
                            : QStringLiteral("Active silences: %1").arg(n));
    m_expire->setEnabled(!selectedId().isEmpty());
}

} // namespace Sitrep::Ui
