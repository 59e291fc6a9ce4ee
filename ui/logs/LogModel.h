#pragma once

#include "logs/LogFilter.h"

#include <QAbstractTableModel>
#include <QColor>
#include <QElapsedTimer>
#include <QTimer>

#include <vector>

namespace Sitrep::Logs {
class LogSession;
}

namespace Sitrep::Ui {

// The live log lines of a LogSession as a table. New lines are taken from the buffer on a
// coalescing zero-timeout timer and inserted with one beginInsertRows per batch; filtering is an
// index of buffer sequence numbers built in time-boxed slices, so neither a flood nor a refilter of
// a million lines blocks the event loop; cell text is made lazily in data() (Wireshark's packet list).
// Row 0 is a marker row once the ring buffer has dropped lines.
class LogModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { TimeColumn, PodColumn, ContainerColumn, LevelColumn, MessageColumn, ColumnCount };
    enum Role {
        SeqRole = Qt::UserRole + 1, // quint64 buffer sequence, absent on the dropped-lines row
        LevelRole,                  // int(LogLevel)
        SourceRole,                 // int source id
        TimestampNsRole,            // qint64
        FullTextRole,               // the whole line decoded (ANSI stripped; JSON pretty-printed)
        SearchMatchRole,            // bool: matches the search
        MarkerRole,                 // bool: divider/notice/dropped row, not a container line
        PodColorRole,               // QColor of the pod
        AnsiSpansRole,              // QList<Logs::AnsiSpan> of a message written with ANSI colours
        SearchRangesRole,           // QList<QPair<int, int>>: (start, length) of each search match in
                                    // the displayed message (message column only)
    };

    explicit LogModel(Sitrep::Logs::LogSession *session, QObject *parent = nullptr);

    Sitrep::Logs::LogSession *session() const { return m_session; }

    void setFilter(const Sitrep::Logs::FilterSpec &spec);
    const Sitrep::Logs::LogFilter &filter() const { return m_filter; }
    void setSearch(const Sitrep::Logs::FilterSpec &spec);
    const Sitrep::Logs::LogFilter &search() const { return m_search; }
    // Next/previous row (wrapping) after/before `from` whose line matches the search; -1 if none.
    int findMatch(int from, bool backwards) const;
    // The rows matching the search, counted in time-boxed slices as rows arrive (matchesChanged
    // when the count moves); matchCountComplete() is false while a recount is under way.
    int matchCount() const { return int(m_matchSeqs.size()); }
    bool matchCountComplete() const;
    // The 1-based place of the row among the matches ("match 3 of 17"), 0 when it is none.
    int matchOrdinal(int row) const;

    // Paused: the buffer keeps filling, rows stop arriving; waiting() says how many lines wait.
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }
    quint64 waiting() const;
    // Rows still to be filtered after a filter change (0 when the view is complete).
    quint64 pendingFilter() const;

    void setDateShown(bool withDate) { m_withDate = withDate; }
    // Takes every waiting line now, without the time box (tests, benchmarks).
    void flushAll();
    // How long one flush may run before yielding to the event loop.
    void setSliceBudgetMs(int ms) { m_sliceMs = ms; }

    quint64 seqAt(int row) const;
    int rowForSeq(quint64 seq) const;
    bool hasDroppedRow() const { return m_droppedRow; }

    static QColor podColor(const QString &pod);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

signals:
    void waitingChanged(quint64 waiting);
    void droppedChanged(quint64 dropped);
    void matchesChanged(int count);

private:
    void schedule();
    void flush(bool unlimited);
    void dropEvicted();
    void rebuild();
    void scanMatches(bool unlimited);
    void resetMatches();
    int offset() const { return m_droppedRow ? 1 : 0; }
    QString messageText(quint64 seq) const;
    QString fullText(quint64 seq) const;

    Sitrep::Logs::LogSession *m_session;
    Sitrep::Logs::LogFilter m_filter;
    Sitrep::Logs::LogFilter m_search;
    std::vector<quint64> m_rows; // visible rows are m_rows[m_head..]
    size_t m_head = 0;
    quint64 m_cursor = 0; // next buffer sequence to look at
    bool m_paused = false;
    bool m_droppedRow = false;
    bool m_withDate = false;
    int m_sliceMs = 8;
    quint64 m_lastWaiting = 0;
    quint64 m_lastDropped = 0;
    quint64 m_droppedBase = 0; // evictions before the last clear() are not shown
    quint64 m_pauseEnd = 0;
    QTimer m_timer;
    // The search's matches among the rows, as buffer sequences (sorted, like m_rows); m_rows from
    // index m_matchScan on are still to be looked at.
    std::vector<quint64> m_matchSeqs;
    size_t m_matchScan = 0;
    QTimer m_matchTimer;
};

} // namespace Sitrep::Ui
