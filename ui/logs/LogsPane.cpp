#include "LogsPane.h"

#include "FlowLayout.h"
#include "LogItemDelegate.h"
#include "LogModel.h"
#include "LogStreamBar.h"

#include "core/IncidentSession.h"
#include "logs/LogExcerpt.h"
#include "logs/LogSession.h"
#include "logs/PodTargetTracker.h"

#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QComboBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QPainter>
#include <QPlainTextEdit>
#include <QScrollBar>
#include <QSettings>
#include <QSplitter>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace Sitrep::Ui {

using namespace Sitrep::Logs;

namespace {
QToolButton *toggle(const QString &text, const QString &tip, QWidget *parent)
{
    auto *b = new QToolButton(parent);
    b->setText(text);
    b->setToolTip(tip);
    b->setCheckable(true);
    b->setAutoRaise(true);
    return b;
}

QIcon swatch(const QColor &c)
{
    QPixmap pm(12, 12);
    pm.fill(Qt::transparent);
    QPainter p(&pm);
    p.setBrush(c);
    p.setPen(c.darker(150));
    p.drawRect(0, 0, 11, 11);
    return QIcon(pm);
}
} // namespace

LogsPane::LogsPane(LogSession *session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_model(new LogModel(session, this))
{
    buildUi();
    m_filterDebounce.setSingleShot(true);
    m_filterDebounce.setInterval(150);
    connect(&m_filterDebounce, &QTimer::timeout, this, &LogsPane::applyFilter);
    m_searchDebounce.setSingleShot(true);
    m_searchDebounce.setInterval(150);
    connect(&m_searchDebounce, &QTimer::timeout, this, &LogsPane::applySearch);
    // Counters are refreshed on a slow timer, not per line: a flood must not flood the labels.
    m_statusTimer.setInterval(300);
    connect(&m_statusTimer, &QTimer::timeout, this, &LogsPane::updateStatus);
    m_statusTimer.start();

    connect(m_session, &LogSession::sourcesChanged, this, &LogsPane::rebuildPodMenu);
    connect(m_session, &LogSession::streamErrorOccurred, this,
            [this](quint16 source, const QString &sentence) {
                m_errorSource = source;
                showMessage(sentence, true);
            });
    // The error goes away once the stream that had it delivers again (a container that was still starting).
    connect(m_session, &LogSession::streamStateChanged, this,
            [this](quint16 source, Logs::LogStream::State state) {
                if (state == Logs::LogStream::State::Streaming && m_errorSource == int(source)) {
                    m_errorSource = -1;
                    showMessage({}, false);
                }
            });
    // Auto-scroll only when the user already sits at the bottom (Wireshark's rule).
    connect(m_model, &QAbstractItemModel::rowsAboutToBeInserted, this, [this] {
        const QScrollBar *sb = m_view->verticalScrollBar();
        m_stickToBottom = sb->value() >= sb->maximum() - 2;
    });
    connect(m_model, &QAbstractItemModel::rowsInserted, this, [this] {
        if (m_stickToBottom)
            m_view->scrollToBottom();
    });
    connect(m_model, &LogModel::waitingChanged, this, [this](quint64) { updateStatus(); });
    connect(m_model, &LogModel::matchesChanged, this, &LogsPane::updateMatchLabel);
    connect(m_session, &LogSession::gapsDetectedChanged, this, &LogsPane::updateStatus);
    // The ring's size is a setting of this machine (memory), not of the incident.
    const int lines = QSettings().value(bufferLinesKey(), int(LogBuffer::kDefaultCapacity)).toInt();
    m_bar->setBufferLines(lines);
    m_session->setCapacity(m_bar->bufferLines()); // clamped to the box's range
    rebuildPodMenu();
    updateStatus();
}

LogsPane::~LogsPane() = default;

void LogsPane::buildUi()
{
    auto *root = new QVBoxLayout(this);
    root->setContentsMargins(4, 4, 4, 4);
    root->setSpacing(3);

    // Row 1: what to stream and how (the bar), then the view's own controls.
    m_bar = new LogStreamBar(this);
    connect(m_bar, &LogStreamBar::applyRequested, this, &LogsPane::applyStreamOptions);
    connect(m_bar, &LogStreamBar::bufferLinesChanged, this, &LogsPane::setBufferLines);
    m_timestamps = new QCheckBox(tr("Ti&me"), this);
    m_timestamps->setChecked(true);
    m_timestamps->setToolTip(tr("Show the time column"));
    m_pods = new QToolButton(this);
    m_pods->setText(tr("Pods"));
    m_pods->setPopupMode(QToolButton::InstantPopup);
    m_podMenu = new QMenu(m_pods);
    m_pods->setMenu(m_podMenu);
    m_pause = new QToolButton(this);
    m_pause->setText(tr("Pause"));
    m_pause->setCheckable(true);
    m_pause->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Space));
    connect(m_pause, &QToolButton::toggled, this, &LogsPane::setPaused);
    auto *clearButton = new QToolButton(this);
    clearButton->setText(tr("Clear"));
    connect(clearButton, &QToolButton::clicked, this, &LogsPane::clear);
    m_dropped = new QLabel(this);
    // One row that wraps in a narrow dock: the bar's controls, then the view's.
    for (QWidget *w : std::initializer_list<QWidget *>{m_timestamps, m_pods, m_pause, clearButton, m_dropped})
        m_bar->addTrailingWidget(w);
    root->addWidget(m_bar);

    // Row 2: search (highlights) and filter (hides).
    auto *findRow = new FlowLayout;
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(tr("Search (highlights)"));
    m_search->setClearButtonEnabled(true);
    m_search->setAccessibleName(tr("Search"));
    m_searchRegex = toggle(QStringLiteral(".*"), tr("Search is a regular expression"), this);
    m_searchCase = toggle(QStringLiteral("Aa"), tr("Search is case sensitive"), this);
    auto *prev = new QToolButton(this);
    prev->setText(QStringLiteral("\u25b2"));
    prev->setToolTip(tr("Previous match (Shift+F3)"));
    auto *next = new QToolButton(this);
    next->setText(QStringLiteral("\u25bc"));
    next->setToolTip(tr("Next match (F3)"));
    m_matchLabel = new QLabel(this);
    m_filter = new QLineEdit(this);
    m_filter->setPlaceholderText(tr("Filter (hides other lines)"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Filter"));
    m_filterRegex = toggle(QStringLiteral(".*"), tr("Filter is a regular expression"), this);
    m_filterCase = toggle(QStringLiteral("Aa"), tr("Filter is case sensitive"), this);
    m_filterExclude = toggle(QStringLiteral("\u2260"), tr("Hide the lines that match instead"), this);
    m_level = new QComboBox(this);
    m_level->setAccessibleName(tr("Level filter"));
    m_level->addItem(tr("All levels"), int(LogLevel::Unknown));
    m_level->addItem(tr("Debug and up"), int(LogLevel::Debug));
    m_level->addItem(tr("Info and up"), int(LogLevel::Info));
    m_level->addItem(tr("Warnings and up"), int(LogLevel::Warn));
    m_level->addItem(tr("Errors and up"), int(LogLevel::Error));
    m_level->addItem(tr("Fatal only"), int(LogLevel::Fatal));
    // Search and filter each stay together; the two wrap onto two lines in a narrow dock.
    auto group = [this](std::initializer_list<QWidget *> widgets) {
        auto *box = new QWidget(this);
        auto *row = new QHBoxLayout(box);
        row->setContentsMargins(0, 0, 0, 0);
        for (QWidget *w : widgets)
            row->addWidget(w);
        row->setStretch(0, 1);
        box->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
        return box;
    };
    findRow->addWidget(group({m_search, m_searchRegex, m_searchCase, prev, next, m_matchLabel}));
    findRow->addWidget(group({m_filter, m_filterRegex, m_filterCase, m_filterExclude, m_level}));
    root->addLayout(findRow);

    m_banner = new QLabel(this);
    m_banner->setWordWrap(true);
    m_banner->setVisible(false);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    root->addWidget(m_banner);

    auto *split = new QSplitter(Qt::Vertical, this);
    m_view = new QTreeView(split);
    m_view->setModel(m_model);
    m_view->setRootIsDecorated(false);
    m_view->setItemsExpandable(false);
    m_view->setUniformRowHeights(true); // the one setting that makes a million rows cheap
    m_view->setAllColumnsShowFocus(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->setItemDelegate(new LogItemDelegate(m_view));
    m_view->setWordWrap(false);
    m_view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->header()->setStretchLastSection(true);
    m_view->header()->setSectionResizeMode(QHeaderView::Interactive);
    m_view->setColumnWidth(LogModel::TimeColumn, 110);
    m_view->setColumnWidth(LogModel::PodColumn, 190);
    m_view->setColumnWidth(LogModel::ContainerColumn, 90);
    m_view->setColumnWidth(LogModel::LevelColumn, 60);
    m_detail = new QPlainTextEdit(split);
    m_detail->setReadOnly(true);
    m_detail->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_detail->setVisible(false);
    split->setStretchFactor(0, 4);
    split->setStretchFactor(1, 1);
    root->addWidget(split, 1);

    m_status = new QLabel(this);
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred); // never widens the window
    root->addWidget(m_status);

    connect(m_filter, &QLineEdit::textChanged, this, [this] { m_filterDebounce.start(); });
    for (QToolButton *b : {m_filterRegex, m_filterCase, m_filterExclude})
        connect(b, &QToolButton::toggled, this, &LogsPane::applyFilter);
    connect(m_level, &QComboBox::currentIndexChanged, this, &LogsPane::applyFilter);
    connect(m_search, &QLineEdit::textChanged, this, [this] { m_searchDebounce.start(); });
    connect(m_search, &QLineEdit::returnPressed, this, &LogsPane::findNext);
    for (QToolButton *b : {m_searchRegex, m_searchCase})
        connect(b, &QToolButton::toggled, this, &LogsPane::applySearch);
    connect(prev, &QToolButton::clicked, this, &LogsPane::findPrevious);
    connect(next, &QToolButton::clicked, this, &LogsPane::findNext);
    connect(m_timestamps, &QCheckBox::toggled, this,
            [this](bool on) { m_view->setColumnHidden(LogModel::TimeColumn, !on); });
    connect(m_view, &QTreeView::activated, this, [this] { toggleDetail(); });
    connect(m_view->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
        updateDetail();
        updateMatchLabel();
    });

    auto makeAction = [this](const QString &text, const QKeySequence &key, auto slot) {
        auto *a = new QAction(text, this);
        a->setShortcut(key);
        a->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        connect(a, &QAction::triggered, this, slot);
        addAction(a);
        return a;
    };
    makeAction(tr("Find"), QKeySequence::Find, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
    makeAction(tr("Filter"), QKeySequence(Qt::CTRL | Qt::Key_L), [this] {
        m_filter->setFocus();
        m_filter->selectAll();
    });
    makeAction(tr("Next match"), QKeySequence::FindNext, [this] { findNext(); });
    makeAction(tr("Previous match"), QKeySequence::FindPrevious, [this] { findPrevious(); });
    QAction *pin = makeAction(tr("Pin to timeline"), QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P),
                              [this] { pinSelection(); });
    QAction *save = makeAction(tr("Save to file\u2026"), QKeySequence::Save, [this] { saveSelection(); });
    QAction *copy = makeAction(tr("Copy"), QKeySequence::Copy, [this] {
        QStringList out;
        for (const auto &l : LogExcerpt::collect(*m_session, selectedSeqs(false)))
            out.append(LogExcerpt::formatLine(l));
        QApplication::clipboard()->setText(out.join(QLatin1Char('\n')));
    });
    connect(m_view, &QWidget::customContextMenuRequested, this, [this, pin, save, copy](const QPoint &pos) {
        QMenu menu(this);
        pin->setEnabled(m_incident != nullptr);
        menu.addAction(pin);
        menu.addAction(save);
        menu.addAction(copy);
        menu.exec(m_view->viewport()->mapToGlobal(pos));
    });
}

void LogsPane::setTargetSelection(const QString &ns, const QString &selector)
{
    m_bar->setTargetSelection(ns, selector);
}

void LogsPane::setTargetTracker(PodTargetTracker *tracker)
{
    if (m_tracker) {
        m_tracker->disconnect(this);
        m_bar->disconnect(m_tracker);
    }
    m_tracker = tracker;
    if (!tracker)
        return;
    // What the bar shows is what the tracker does.
    if (tracker->container() != m_bar->container())
        tracker->setContainer(m_bar->container());
    if (tracker->includeInit() != m_bar->includeInit())
        tracker->setIncludeInit(m_bar->includeInit());
    m_bar->setContainerNames(tracker->containerNames());
    connect(tracker, &PodTargetTracker::targetsChanged, this,
            [this] { m_bar->setContainerNames(m_tracker->containerNames()); });
    connect(m_bar, &LogStreamBar::containerChanged, tracker, &PodTargetTracker::setContainer,
            Qt::UniqueConnection);
    connect(m_bar, &LogStreamBar::includeInitChanged, tracker, &PodTargetTracker::setIncludeInit,
            Qt::UniqueConnection);
}

StreamOptions LogsPane::streamOptions() const
{
    return m_bar->streamOptions(m_session->options());
}

void LogsPane::applyStreamOptions()
{
    m_session->setOptions(streamOptions());
    m_session->clear();
    m_session->restartStreams();
    m_banner->setVisible(false);
    emit targetSelectionChanged(m_bar->ns(), m_bar->selector());
}

void LogsPane::setBufferLines(int lines)
{
    // Kept across runs: the right size depends on the machine, not on the incident.
    QSettings().setValue(bufferLinesKey(), lines);
    m_bar->setBufferLines(lines);
    m_session->setCapacity(lines);
    updateStatus();
}

void LogsPane::applyFilter()
{
    FilterSpec spec;
    spec.text = m_filter->text();
    spec.regex = m_filterRegex->isChecked();
    spec.caseSensitive = m_filterCase->isChecked();
    spec.exclude = m_filterExclude->isChecked();
    spec.minLevel = LogLevel(m_level->currentData().toInt());
    spec.hiddenSources = m_hiddenSources;
    const LogFilter probe(spec);
    m_filter->setStyleSheet(probe.isValid() ? QString()
                                            : QStringLiteral("QLineEdit { border: 1px solid #e04040; }"));
    m_filter->setToolTip(probe.errorString());
    if (!probe.isValid())
        spec.text.clear(); // an unfinished regex shows everything rather than nothing
    m_model->setFilter(spec);
}

FilterSpec LogsPane::searchSpec() const
{
    FilterSpec spec;
    spec.text = m_search->text();
    spec.regex = m_searchRegex->isChecked();
    spec.caseSensitive = m_searchCase->isChecked();
    return spec;
}

void LogsPane::applySearch()
{
    const FilterSpec spec = searchSpec();
    const LogFilter probe(spec);
    m_search->setStyleSheet(probe.isValid() ? QString()
                                            : QStringLiteral("QLineEdit { border: 1px solid #e04040; }"));
    m_search->setToolTip(probe.errorString());
    m_model->setSearch(spec);
    updateMatchLabel();
}

void LogsPane::jumpTo(int row)
{
    if (row >= 0) {
        const QModelIndex idx = m_model->index(row, LogModel::MessageColumn);
        m_view->setCurrentIndex(idx);
        m_view->scrollTo(idx, QAbstractItemView::PositionAtCenter);
        // The count may still be catching up with the rows that just arrived.
        if (!m_model->matchCountComplete())
            m_model->flushAll();
    }
    updateMatchLabel();
}

void LogsPane::updateMatchLabel()
{
    if (m_search->text().isEmpty() || !m_model->search().isValid()) {
        m_matchLabel->clear();
        return;
    }
    const QLocale loc;
    const int total = m_model->matchCount();
    const QString more = m_model->matchCountComplete() ? QString() : QStringLiteral("+");
    if (total == 0) {
        m_matchLabel->setText(m_model->matchCountComplete() ? tr("no match") : tr("counting\u2026"));
        return;
    }
    const QModelIndex cur = m_view->currentIndex();
    const int ordinal = cur.isValid() ? m_model->matchOrdinal(cur.row()) : 0;
    m_matchLabel->setText(ordinal > 0
                              ? tr("match %1 of %2%3").arg(loc.toString(ordinal), loc.toString(total), more)
                              : tr("%1%2 matches").arg(loc.toString(total), more));
}

QString LogsPane::matchText() const
{
    return m_matchLabel->text();
}

void LogsPane::findNext()
{
    if (m_searchDebounce.isActive()) {
        m_searchDebounce.stop();
        applySearch();
    }
    const int from = m_view->currentIndex().isValid() ? m_view->currentIndex().row() : -1;
    jumpTo(m_model->findMatch(from, false));
}

void LogsPane::findPrevious()
{
    if (m_searchDebounce.isActive()) {
        m_searchDebounce.stop();
        applySearch();
    }
    const int from = m_view->currentIndex().isValid() ? m_view->currentIndex().row() : m_model->rowCount();
    jumpTo(m_model->findMatch(from, true));
}

void LogsPane::setPaused(bool paused)
{
    if (m_pause->isChecked() != paused)
        m_pause->setChecked(paused);
    m_model->setPaused(paused);
    updateStatus();
}

void LogsPane::clear()
{
    m_session->clear();
    m_detail->clear();
    updateStatus();
}

QList<quint64> LogsPane::selectedSeqs(bool allIfNone) const
{
    QList<quint64> seqs;
    const QModelIndexList rows = m_view->selectionModel()->selectedRows();
    for (const QModelIndex &i : rows) {
        const QVariant v = i.data(LogModel::SeqRole);
        if (v.isValid())
            seqs.append(v.value<quint64>());
    }
    if (seqs.isEmpty() && allIfNone) {
        for (int r = 0; r < m_model->rowCount(); ++r) {
            const quint64 s = m_model->seqAt(r);
            if (s != ~quint64(0))
                seqs.append(s);
        }
    }
    return seqs;
}

bool LogsPane::pinSelection()
{
    if (!m_incident) {
        showMessage(tr("Open or declare an incident to pin log lines to its timeline."), true);
        return false;
    }
    const auto lines = LogExcerpt::collect(*m_session, selectedSeqs(false));
    const auto r = LogExcerpt::pin(*m_incident, lines);
    if (!r.ok()) {
        showMessage(r.error().text(), true);
        return false;
    }
    showMessage(tr("Pinned %1 lines to the timeline.").arg(lines.size()), false);
    emit excerptPinned(r.value().id);
    return true;
}

bool LogsPane::saveSelection(const QString &path)
{
    QString file = path;
    if (file.isEmpty())
        file = QFileDialog::getSaveFileName(this, tr("Save log lines"), QStringLiteral("logs.txt"),
                                            tr("Text files (*.txt *.log)"));
    if (file.isEmpty())
        return false;
    const auto lines = LogExcerpt::collect(*m_session, selectedSeqs(true));
    const auto r = LogExcerpt::save(file, lines);
    if (!r.ok()) {
        showMessage(r.error().text(), true);
        return false;
    }
    showMessage(tr("Saved %1 lines to %2.").arg(lines.size()).arg(file), false);
    return true;
}

void LogsPane::rebuildPodMenu()
{
    m_podMenu->clear();
    for (int id = 0; id < m_session->sourceCount(); ++id) {
        const LogTarget &t = m_session->source(quint16(id));
        QAction *a = m_podMenu->addAction(swatch(LogModel::podColor(t.pod)), t.label());
        a->setCheckable(true);
        a->setChecked(!m_hiddenSources.contains(quint16(id)));
        connect(a, &QAction::toggled, this, [this, id](bool on) {
            if (on)
                m_hiddenSources.remove(quint16(id));
            else
                m_hiddenSources.insert(quint16(id));
            applyFilter();
        });
    }
    m_pods->setText(tr("Pods (%1)").arg(m_session->sourceCount()));
}

void LogsPane::showMessage(const QString &text, bool error)
{
    m_banner->setText(text);
    m_banner->setStyleSheet(error ? QStringLiteral("QLabel { color: #e04040; font-weight: bold; }")
                                  : QString());
    m_banner->setVisible(!text.isEmpty());
}

QString LogsPane::statusText() const
{
    return m_status->text();
}

void LogsPane::updateStatus()
{
    const QLocale loc;
    int live = 0, failed = 0, waiting = 0;
    const auto states = m_session->streamStates();
    for (const LogStream::State st : states) {
        switch (st) {
        case LogStream::State::Streaming:
        case LogStream::State::Connecting:
            ++live;
            break;
        case LogStream::State::Failed:
            ++failed;
            break;
        case LogStream::State::Waiting:
            ++waiting;
            break;
        default:
            break;
        }
    }
    QString s = tr("%1 lines shown of %2 in buffer \u00b7 %3 streams live")
                    .arg(loc.toString(m_model->rowCount() - (m_model->hasDroppedRow() ? 1 : 0)),
                         loc.toString(m_session->buffer().size()))
                    .arg(live);
    if (waiting > 0)
        s += tr(", %1 reconnecting").arg(waiting);
    if (failed > 0)
        s += tr(", %1 failed").arg(failed);
    if (const quint64 pending = m_model->pendingFilter(); pending > 0 && !m_model->isPaused())
        s += tr(" \u00b7 filtering, %1 lines to go").arg(loc.toString(pending));
    m_status->setText(s);
    const quint64 w = m_model->waiting();
    m_pause->setText(m_model->isPaused() ? tr("Resume (%1 waiting)").arg(loc.toString(w)) : tr("Pause"));
    // Both ways of losing lines are counted, each named: eviction from the ring and resumes that
    // found lines no longer served (each also left a marker line in the view).
    const quint64 dropped = m_session->droppedLines();
    const quint64 gaps = m_session->gapsDetected();
    QStringList parts;
    if (dropped > 0)
        parts.append(tr("dropped %1 (ring)").arg(loc.toString(dropped)));
    if (gaps > 0)
        parts.append(gaps == 1 ? tr("1 gap on reconnect")
                               : tr("%1 gaps on reconnect").arg(loc.toString(gaps)));
    m_dropped->setText(parts.isEmpty() ? QString()
                                       : QStringLiteral("\u26a0 ") + parts.join(QStringLiteral(" \u00b7 ")));
    m_dropped->setToolTip(tr("Lines evicted from the ring buffer (capacity %1), and stream resumes after "
                             "which lines may be missing")
                              .arg(loc.toString(m_session->buffer().capacity())));
}

QString LogsPane::droppedText() const
{
    return m_dropped->text();
}

void LogsPane::toggleDetail()
{
    m_detail->setVisible(!m_detail->isVisible());
    updateDetail();
}

void LogsPane::updateDetail()
{
    if (!m_detail->isVisible())
        return;
    const QModelIndex cur = m_view->currentIndex();
    m_detail->setPlainText(
        cur.isValid() ? cur.siblingAtColumn(LogModel::MessageColumn).data(LogModel::FullTextRole).toString()
                      : QString());
}

} // namespace Sitrep::Ui
