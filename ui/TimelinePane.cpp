#include "TimelinePane.h"

#include "TimelineFilterProxy.h"
#include "TimelineModel.h"
#include "core/IncidentFile.h"

#include <QAction>
#include <QCheckBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QPushButton>
#include <QScrollBar>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Sitrep::Core;

namespace Sitrep::Ui {

TimelinePane::TimelinePane(IncidentFile &file, QWidget *parent)
    : QWidget(parent)
    , m_file(file)
    , m_model(new TimelineModel(this))
    , m_proxy(new TimelineFilterProxy(this))
    , m_view(new QTableView(this))
    , m_filterEdit(new QLineEdit(this))
    , m_kindButton(new QToolButton(this))
    , m_pinnedOnly(new QCheckBox(tr("Pinned only"), this))
    , m_noteEdit(new QLineEdit(this))
    , m_error(new QLabel(this))
    , m_addNote(new QAction(tr("Add &note"), this))
    , m_pin(new QAction(tr("&Pin / unpin"), this))
    , m_filter(new QAction(tr("&Filter timeline"), this))
{
    setObjectName(QStringLiteral("timelinePane"));
    m_proxy->setSourceModel(m_model);
    m_view->setModel(m_proxy);
    m_view->setObjectName(QStringLiteral("timelineView"));
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(m_view->fontMetrics().height() + 6);
    m_view->horizontalHeader()->setStretchLastSection(true);
    m_view->setWordWrap(false);
    m_view->setAlternatingRowColors(true);
    m_view->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_view->addAction(m_pin);
    m_view->setColumnWidth(TimelineModel::TimeColumn,
                           m_view->fontMetrics().horizontalAdvance(QStringLiteral("00-00 00:00:00Z    ")));
    m_view->setColumnWidth(TimelineModel::KindColumn, m_view->fontMetrics().horizontalAdvance(
                                                          QStringLiteral("\u2605 Update published  ")));

    m_filterEdit->setObjectName(QStringLiteral("timelineFilter"));
    m_filterEdit->setPlaceholderText(tr("Filter timeline (Ctrl+F)"));
    m_filterEdit->setClearButtonEnabled(true);
    m_kindButton->setText(tr("Kinds: all"));
    m_kindButton->setPopupMode(QToolButton::InstantPopup);
    m_kindButton->setObjectName(QStringLiteral("kindFilter"));
    rebuildKindMenu();

    m_noteEdit->setObjectName(QStringLiteral("noteEdit"));
    m_noteEdit->setPlaceholderText(tr("Add a note to the timeline (Ctrl+E, Enter to add)"));
    auto *addButton = new QPushButton(tr("Add note"), this);
    m_error->setObjectName(QStringLiteral("timelineError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color:#e53935;"));
    m_error->hide();

    auto *filterRow = new QHBoxLayout;
    filterRow->addWidget(m_filterEdit, 1);
    filterRow->addWidget(m_kindButton);
    filterRow->addWidget(m_pinnedOnly);
    auto *noteRow = new QHBoxLayout;
    noteRow->addWidget(m_noteEdit, 1);
    noteRow->addWidget(addButton);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(filterRow);
    layout->addWidget(m_view, 1);
    layout->addWidget(m_error);
    layout->addLayout(noteRow);

    m_addNote->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
    m_pin->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_P));
    m_filter->setShortcut(QKeySequence::Find);
    connect(m_addNote, &QAction::triggered, this, [this] { m_noteEdit->setFocus(); });
    connect(m_pin, &QAction::triggered, this, &TimelinePane::togglePinSelected);
    connect(m_filter, &QAction::triggered, this, [this] {
        m_filterEdit->setFocus();
        m_filterEdit->selectAll();
    });
    connect(m_noteEdit, &QLineEdit::returnPressed, this, &TimelinePane::submitNote);
    connect(addButton, &QPushButton::clicked, this, &TimelinePane::submitNote);
    connect(m_filterEdit, &QLineEdit::textChanged, m_proxy, &TimelineFilterProxy::setText);
    connect(m_pinnedOnly, &QCheckBox::toggled, m_proxy, &TimelineFilterProxy::setPinnedOnly);

    // Follow the newest event only when the user already sits at the bottom.
    connect(m_model, &QAbstractItemModel::rowsAboutToBeInserted, this, [this] {
        QScrollBar *bar = m_view->verticalScrollBar();
        m_view->setProperty("stickToBottom", bar->value() >= bar->maximum() - 2);
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_view->property("stickToBottom").toBool())
            m_view->scrollToBottom();
    });

    auto attach = [this] {
        m_model->setJournal(m_file.journal());
        const bool writable = m_file.isOpen() && !m_file.journal()->isReadOnly();
        m_noteEdit->setEnabled(writable);
        m_noteEdit->setPlaceholderText(writable ? tr("Add a note to the timeline (Ctrl+E, Enter to add)")
                                                : tr("Read-only incident: notes cannot be added"));
        m_view->scrollToBottom();
    };
    connect(&m_file, &IncidentFile::incidentOpened, this, attach);
    connect(&m_file, &IncidentFile::incidentClosed, this, attach);
    attach();
}

void TimelinePane::rebuildKindMenu()
{
    auto *menu = new QMenu(m_kindButton);
    auto update = [this, menu] {
        QSet<EventKind> kinds;
        for (QAction *a : menu->actions()) {
            if (a->isCheckable() && a->isChecked())
                kinds.insert(static_cast<EventKind>(a->data().toInt()));
        }
        const bool all = kinds.size() == int(allEventKinds().size());
        m_proxy->setKinds(all ? QSet<EventKind>{} : kinds);
        m_kindButton->setText(all ? tr("Kinds: all") : tr("Kinds: %1").arg(kinds.size()));
    };
    for (EventKind k : allEventKinds()) {
        QAction *a = menu->addAction(eventKindTitle(k));
        a->setCheckable(true);
        a->setChecked(true);
        a->setData(int(k));
        connect(a, &QAction::toggled, this, update);
    }
    m_kindButton->setMenu(menu);
}

void TimelinePane::showError(const QString &text)
{
    m_error->setText(text);
    m_error->setVisible(!text.isEmpty());
}

bool TimelinePane::submitNote()
{
    if (!m_file.isOpen()) {
        showError(tr("No incident is open: declare or open one first."));
        return false;
    }
    auto r = m_file.session()->addNote(m_noteEdit->text());
    if (!r) {
        showError(tr("Note not added: %1").arg(r.error().text()));
        return false;
    }
    showError({});
    m_noteEdit->clear();
    return true;
}

void TimelinePane::togglePinSelected()
{
    if (!m_file.isOpen())
        return;
    const auto rows = m_view->selectionModel()->selectedRows();
    for (const QModelIndex &i : rows) {
        const qint64 id = i.data(TimelineModel::EventIdRole).toLongLong();
        const bool pinned = i.data(TimelineModel::PinnedRole).toBool();
        if (auto r = m_file.journal()->setPinned(id, !pinned); !r) {
            showError(tr("Cannot pin: %1").arg(r.error().text()));
            return;
        }
    }
    showError({});
}

} // namespace Sitrep::Ui
