#include "LogModel.h"

#include "logs/AnsiText.h"

#include "logs/LineAnalyzer.h"
#include "logs/LogSession.h"
#include "logs/LogTimestamp.h"

#include <QFont>
#include <QJsonDocument>
#include <QLocale>

namespace Sitrep::Ui {

using namespace Sitrep::Logs;

LogModel::LogModel(LogSession *session, QObject *parent)
    : QAbstractTableModel(parent)
    , m_session(session)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(0);
    connect(&m_timer, &QTimer::timeout, this, [this] { flush(false); });
    m_matchTimer.setSingleShot(true);
    m_matchTimer.setInterval(0);
    connect(&m_matchTimer, &QTimer::timeout, this, [this] { scanMatches(false); });
    // A smaller ring evicts at once: the rows of evicted lines go on the next flush.
    connect(m_session, &LogSession::capacityChanged, this, &LogModel::schedule);
    m_cursor = m_session->buffer().firstSeq();
    connect(m_session, &LogSession::linesAppended, this, &LogModel::schedule);
    connect(m_session, &LogSession::cleared, this, [this] {
        m_droppedBase = m_session->buffer().evicted();
        rebuild();
    });
    connect(m_session, &LogSession::sourcesChanged, this, [this] {
        if (rowCount() > 0)
            emit dataChanged(index(0, PodColumn), index(rowCount() - 1, ContainerColumn));
    });
}

QColor LogModel::podColor(const QString &pod)
{
    // FNV-1a: the same pod gets the same colour in every run (qHash is seeded per process).
    quint32 h = 2166136261u;
    for (QChar c : pod) {
        h ^= c.unicode();
        h *= 16777619u;
    }
    return QColor::fromHsv(int(h % 360), 150 + int((h >> 9) % 60), 200 + int((h >> 17) % 40));
}

void LogModel::schedule()
{
    if (!m_timer.isActive())
        m_timer.start();
}

void LogModel::setFilter(const FilterSpec &spec)
{
    if (spec == m_filter.spec())
        return;
    m_filter = LogFilter(spec);
    rebuild();
}

void LogModel::setSearch(const FilterSpec &spec)
{
    m_search = LogFilter(spec);
    resetMatches();
    if (rowCount() > 0)
        emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1),
                         {Qt::BackgroundRole, SearchMatchRole, SearchRangesRole});
}

void LogModel::resetMatches()
{
    m_matchSeqs.clear();
    m_matchScan = m_head;
    m_matchTimer.stop();
    if (m_search.hasText() && m_search.isValid())
        m_matchTimer.start();
    emit matchesChanged(0);
}

bool LogModel::matchCountComplete() const
{
    return !(m_search.hasText() && m_search.isValid()) || m_matchScan >= m_rows.size();
}

void LogModel::scanMatches(bool unlimited)
{
    if (!m_search.hasText() || !m_search.isValid())
        return;
    // Slices like the filter's: a regex over a million lines must not stall the event loop.
    const LogBuffer &b = m_session->buffer();
    const size_t before = m_matchSeqs.size();
    QElapsedTimer t;
    t.start();
    size_t i = qMax(m_matchScan, m_head);
    while (i < m_rows.size()) {
        const quint64 seq = m_rows[i++];
        if (b.contains(seq) && m_search.textMatches(b.text(seq), b.entry(seq).flags))
            m_matchSeqs.push_back(seq);
        if (!unlimited && (i & 255) == 0 && t.elapsed() >= m_sliceMs)
            break;
    }
    m_matchScan = i;
    if (m_matchScan < m_rows.size())
        m_matchTimer.start();
    if (m_matchSeqs.size() != before || m_matchScan >= m_rows.size())
        emit matchesChanged(int(m_matchSeqs.size()));
}

int LogModel::matchOrdinal(int row) const
{
    const quint64 seq = seqAt(row);
    const auto it = std::lower_bound(m_matchSeqs.begin(), m_matchSeqs.end(), seq);
    return it != m_matchSeqs.end() && *it == seq ? int(it - m_matchSeqs.begin()) + 1 : 0;
}

void LogModel::setPaused(bool paused)
{
    if (m_paused == paused)
        return;
    m_paused = paused;
    if (paused)
        m_pauseEnd = m_session->buffer().endSeq();
    schedule();
    emit waitingChanged(waiting());
}

quint64 LogModel::waiting() const
{
    if (!m_paused)
        return 0;
    const quint64 from = qMax(qMax(m_cursor, m_pauseEnd), m_session->buffer().firstSeq());
    const quint64 end = m_session->buffer().endSeq();
    return end > from ? end - from : 0;
}

quint64 LogModel::pendingFilter() const
{
    const quint64 end =
        m_paused ? qMin(m_pauseEnd, m_session->buffer().endSeq()) : m_session->buffer().endSeq();
    const quint64 from = qMax(m_cursor, m_session->buffer().firstSeq());
    return end > from ? end - from : 0;
}

void LogModel::rebuild()
{
    beginResetModel();
    m_rows.clear();
    m_head = 0;
    resetMatches();
    m_cursor = m_session->buffer().firstSeq();
    m_droppedRow = m_session->buffer().evicted() > m_droppedBase;
    endResetModel();
    schedule();
}

void LogModel::dropEvicted()
{
    const LogBuffer &b = m_session->buffer();
    const quint64 first = b.firstSeq();
    size_t k = 0;
    while (m_head + k < m_rows.size() && m_rows[m_head + k] < first)
        ++k;
    if (k > 0) {
        beginRemoveRows({}, offset(), offset() + int(k) - 1);
        m_head += k;
        endRemoveRows();
        // Reclaim the dead prefix now and then; row numbers do not change.
        if (m_head > 65536 && m_head * 2 > m_rows.size()) {
            m_rows.erase(m_rows.begin(), m_rows.begin() + qint64(m_head));
            m_matchScan = m_matchScan > m_head ? m_matchScan - m_head : 0;
            m_head = 0;
        }
        const auto gone = std::lower_bound(m_matchSeqs.begin(), m_matchSeqs.end(), first);
        if (gone != m_matchSeqs.begin()) {
            m_matchSeqs.erase(m_matchSeqs.begin(), gone);
            emit matchesChanged(int(m_matchSeqs.size()));
        }
    }
    if (m_cursor < first)
        m_cursor = first;
    const quint64 dropped = b.evicted() - m_droppedBase;
    if (dropped > 0 && !m_droppedRow) {
        beginInsertRows({}, 0, 0);
        m_droppedRow = true;
        endInsertRows();
    } else if (m_droppedRow && dropped != m_lastDropped) {
        emit dataChanged(index(0, 0), index(0, ColumnCount - 1));
    }
    if (dropped != m_lastDropped) {
        m_lastDropped = dropped;
        emit droppedChanged(dropped);
    }
}

void LogModel::flush(bool unlimited)
{
    dropEvicted();
    const LogBuffer &b = m_session->buffer();
    const quint64 end = m_paused ? qMin(m_pauseEnd, b.endSeq()) : b.endSeq();
    if (m_cursor < end) {
        std::vector<quint64> add;
        if (m_filter.passesAll()) {
            add.reserve(size_t(end - m_cursor));
            for (quint64 s = m_cursor; s < end; ++s)
                add.push_back(s);
            m_cursor = end;
        } else {
            QElapsedTimer t;
            t.start();
            quint64 s = m_cursor;
            while (s < end) {
                if (m_filter.accepts(b, s))
                    add.push_back(s);
                ++s;
                if (!unlimited && (s & 255) == 0 && t.elapsed() >= m_sliceMs)
                    break;
            }
            m_cursor = s;
        }
        if (!add.empty()) {
            const int first = rowCount();
            beginInsertRows({}, first, first + int(add.size()) - 1);
            m_rows.insert(m_rows.end(), add.begin(), add.end());
            endInsertRows();
            if (m_search.hasText() && m_search.isValid() && !m_matchTimer.isActive())
                m_matchTimer.start();
        }
        if (m_cursor < end)
            schedule(); // more to filter: yield to the event loop first
    }
    const quint64 w = waiting();
    if (w != m_lastWaiting) {
        m_lastWaiting = w;
        emit waitingChanged(w);
    }
}

void LogModel::flushAll()
{
    m_session->flush();
    flush(true);
    scanMatches(true);
}

quint64 LogModel::seqAt(int row) const
{
    const int r = row - offset();
    if (r < 0 || size_t(r) >= m_rows.size() - m_head)
        return ~quint64(0);
    return m_rows[m_head + size_t(r)];
}

int LogModel::rowForSeq(quint64 seq) const
{
    const auto it = std::lower_bound(m_rows.begin() + qint64(m_head), m_rows.end(), seq);
    if (it == m_rows.end() || *it != seq)
        return -1;
    return int(it - (m_rows.begin() + qint64(m_head))) + offset();
}

int LogModel::findMatch(int from, bool backwards) const
{
    if (!m_search.hasText() || !m_search.isValid())
        return -1;
    const int n = rowCount();
    if (n == 0)
        return -1;
    const LogBuffer &b = m_session->buffer();
    int row = from;
    for (int i = 0; i < n; ++i) {
        row = backwards ? (row - 1 + n) % n : (row + 1) % n;
        const quint64 seq = seqAt(row);
        if (!b.contains(seq))
            continue;
        if (m_search.textMatches(b.text(seq), b.entry(seq).flags))
            return row;
    }
    return -1;
}

int LogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : offset() + int(m_rows.size() - m_head);
}

int LogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString LogModel::messageText(quint64 seq) const
{
    const LogBuffer &b = m_session->buffer();
    const LogBuffer::Entry &e = b.entry(seq);
    if ((e.flags & JsonLine) && !(e.flags & Truncated)) {
        const auto j = LineAnalyzer::parseJson(b.text(seq));
        if (j.ok)
            return LineAnalyzer::jsonDisplay(j, 2000);
    }
    return LineAnalyzer::displayText(b.text(seq), e.flags, 2000);
}

QString LogModel::fullText(quint64 seq) const
{
    const LogBuffer &b = m_session->buffer();
    const LogBuffer::Entry &e = b.entry(seq);
    if (e.flags & JsonLine) {
        const auto j = LineAnalyzer::parseJson(b.text(seq));
        if (j.ok)
            return QString::fromUtf8(QJsonDocument(j.object).toJson(QJsonDocument::Indented));
    }
    return LineAnalyzer::displayText(b.text(seq), e.flags, 1 << 20);
}

QVariant LogModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const int col = index.column();
    const LogBuffer &b = m_session->buffer();
    if (m_droppedRow && index.row() == 0) {
        switch (role) {
        case Qt::DisplayRole:
            if (col == MessageColumn)
                return tr("\u26a0 %1 older lines were dropped: the buffer keeps the newest %2 lines.")
                    .arg(QLocale().toString(b.evicted() - m_droppedBase), QLocale().toString(b.capacity()));
            if (col == LevelColumn)
                return tr("DROPPED");
            return {};
        case MarkerRole:
            return true;
        case Qt::ForegroundRole:
            return QColor(0xd0, 0x80, 0x00);
        case Qt::FontRole: {
            QFont f;
            f.setItalic(true);
            return f;
        }
        default:
            return {};
        }
    }
    const quint64 seq = seqAt(index.row());
    if (!b.contains(seq))
        return role == Qt::DisplayRole && col == MessageColumn ? QVariant(tr("(dropped)")) : QVariant();
    const LogBuffer::Entry &e = b.entry(seq);
    const bool marker = e.flags & MarkerLine;
    static const LogTarget noTarget;
    const LogTarget &t = e.source < m_session->sourceCount() ? m_session->source(e.source) : noTarget;

    switch (role) {
    case Qt::DisplayRole:
        switch (col) {
        case TimeColumn:
            return LogTimestamp::display(e.tsNs, m_withDate);
        case PodColumn:
            // Several clusters: whose pod it is, in the same column (lines of all clusters merge by time).
            return t.cluster.isEmpty() || m_session->clusterCount() < 2
                       ? t.pod
                       : t.cluster + QStringLiteral(" \u00b7 ") + t.pod;
        case ContainerColumn:
            return t.isInit ? t.container + tr(" (init)") : t.container;
        case LevelColumn:
            if (marker)
                return (e.flags & ErrorMarker) ? tr("ERROR") : tr("NOTE");
            return levelName(e.level);
        case MessageColumn:
            return messageText(seq);
        }
        return {};
    case Qt::ToolTipRole:
        if (col == PodColumn)
            return t.cluster.isEmpty() ? t.ns + QLatin1Char('/') + t.pod
                                       : QStringLiteral("%1: %2/%3").arg(t.cluster, t.ns, t.pod);
        if (col == MessageColumn && (e.flags & (Truncated | Previous)))
            return (e.flags & Previous) ? tr("From the previous (crashed) instance of the container")
                                        : tr("This line was longer than 1 MB and was truncated");
        return {};
    case Qt::DecorationRole:
        return col == PodColumn ? QVariant(podColor(t.pod)) : QVariant();
    case Qt::ForegroundRole:
        if (marker)
            return (e.flags & ErrorMarker) ? QColor(0xe0, 0x40, 0x40) : QColor(0x60, 0x90, 0xd0);
        if (col == LevelColumn || col == MessageColumn) {
            switch (e.level) {
            case LogLevel::Fatal:
            case LogLevel::Error:
                return QColor(0xe0, 0x40, 0x40);
            case LogLevel::Warn:
                return QColor(0xd0, 0x90, 0x00);
            case LogLevel::Debug:
            case LogLevel::Trace:
                return QColor(0x80, 0x80, 0x80);
            default:
                return {};
            }
        }
        return {};
    case Qt::BackgroundRole:
        if (m_search.hasText() && m_search.isValid() && !marker && m_search.textMatches(b.text(seq), e.flags))
            return QColor(255, 210, 0, 110);
        if (e.level >= LogLevel::Error && !marker)
            return QColor(220, 50, 50, 35);
        return {};
    case Qt::FontRole:
        if (marker || (e.flags & Previous)) {
            QFont f;
            f.setItalic(true);
            f.setBold(marker);
            return f;
        }
        if (col == LevelColumn && e.level >= LogLevel::Error) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    case SeqRole:
        return QVariant::fromValue(seq);
    case LevelRole:
        return int(e.level);
    case SourceRole:
        return int(e.source);
    case TimestampNsRole:
        return QVariant::fromValue(e.tsNs);
    case FullTextRole:
        return fullText(seq);
    case AnsiSpansRole:
        if (col != MessageColumn || !(e.flags & AnsiCodes) || (e.flags & JsonLine))
            return {};
        return QVariant::fromValue(AnsiText::parse(b.text(seq), nullptr));
    case SearchRangesRole:
        if (col != MessageColumn || marker || !m_search.hasText() || !m_search.isValid())
            return {};
        return QVariant::fromValue(m_search.matchRanges(messageText(seq)));
    case SearchMatchRole:
        return m_search.hasText() && m_search.isValid() && m_search.textMatches(b.text(seq), e.flags);
    case MarkerRole:
        return marker;
    case PodColorRole:
        return podColor(t.pod);
    default:
        return {};
    }
}

QVariant LogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case TimeColumn:
        return tr("Time (UTC)");
    case PodColumn:
        return tr("Pod");
    case ContainerColumn:
        return tr("Container");
    case LevelColumn:
        return tr("Level");
    case MessageColumn:
        return tr("Message");
    }
    return {};
}

} // namespace Sitrep::Ui
