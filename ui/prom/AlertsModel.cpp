#include "AlertsModel.h"

#include "prom/AlertJournaler.h"

#include <QColor>
#include <QDateTime>
#include <QSet>

namespace Sitrep::Ui {

using Sitrep::Prom::Alert;

AlertsModel::AlertsModel(const Core::Clock *clock, QObject *parent)
    : QAbstractTableModel(parent)
    , m_clock(clock)
{}

int AlertsModel::severityRank(const QString &severity)
{
    const QString s = severity.toLower();
    if (s == QLatin1String("critical") || s == QLatin1String("page") || s == QLatin1String("p1") ||
        s == QLatin1String("sev1"))
        return 0;
    if (s == QLatin1String("error") || s == QLatin1String("high") || s == QLatin1String("p2"))
        return 1;
    if (s == QLatin1String("warning") || s == QLatin1String("warn") || s == QLatin1String("ticket") ||
        s == QLatin1String("p3"))
        return 2;
    if (s == QLatin1String("info") || s == QLatin1String("low"))
        return 3;
    return 4;
}

Alert AlertsModel::Row::merged() const
{
    // Prometheus knows pending/firing and the value; Alertmanager knows silences. Start from Alertmanager's
    // view when there is one and keep the earliest "since".
    if (bySource.isEmpty())
        return {};
    Alert a = bySource.contains(QStringLiteral("alertmanager"))
                  ? bySource.value(QStringLiteral("alertmanager"))
                  : bySource.cbegin().value();
    for (const Alert &x : bySource) {
        if (x.activeAtMs > 0 && (a.activeAtMs == 0 || x.activeAtMs < a.activeAtMs))
            a.activeAtMs = x.activeAtMs;
        if (a.value.isEmpty())
            a.value = x.value;
        for (auto it = x.annotations.cbegin(); it != x.annotations.cend(); ++it) {
            if (!a.annotations.contains(it.key()))
                a.annotations.insert(it.key(), it.value());
        }
    }
    return a;
}

QString AlertsModel::Row::state() const
{
    if (bySource.contains(QStringLiteral("alertmanager"))) {
        const Alert &am = bySource[QStringLiteral("alertmanager")];
        if (!am.silencedBy.isEmpty())
            return QStringLiteral("silenced");
        if (!am.inhibitedBy.isEmpty())
            return QStringLiteral("inhibited");
    }
    for (const Alert &a : bySource) {
        if (a.state == QLatin1String("firing") || a.state == QLatin1String("active"))
            return QStringLiteral("firing");
    }
    return bySource.isEmpty() ? QString() : bySource.cbegin()->state;
}

void AlertsModel::setRunbooks(const QHash<QString, QString> &runbooks)
{
    m_runbooks = runbooks;
    if (!m_rows.isEmpty())
        emit dataChanged(index(0, RunbookColumn), index(rowCount() - 1, RunbookColumn));
}

QString AlertsModel::runbookFor(const Alert &a) const
{
    const QString url = a.annotations.value(QStringLiteral("runbook_url"));
    return url.isEmpty() ? m_runbooks.value(a.name) : url;
}

void AlertsModel::setAlerts(const QString &source, const QList<Alert> &alerts)
{
    QHash<QString, Alert> incoming;
    for (const Alert &a : alerts)
        incoming.insert(Prom::AlertJournaler::keyOf(a), a);

    // Rows this source no longer reports lose it; rows left without any source go.
    for (int r = int(m_rows.size()) - 1; r >= 0; --r) {
        Row &row = m_rows[r];
        if (incoming.contains(row.key) || !row.bySource.contains(source))
            continue;
        if (row.bySource.size() == 1) {
            beginRemoveRows({}, r, r);
            m_rows.removeAt(r);
            endRemoveRows();
        } else {
            row.bySource.remove(source);
            emit dataChanged(index(r, 0), index(r, ColumnCount - 1));
        }
    }
    QHash<QString, int> rowOf;
    for (int r = 0; r < m_rows.size(); ++r)
        rowOf.insert(m_rows[r].key, r);
    QList<Row> added;
    for (auto it = incoming.cbegin(); it != incoming.cend(); ++it) {
        const int r = rowOf.value(it.key(), -1);
        if (r >= 0) {
            m_rows[r].bySource.insert(source, it.value());
            emit dataChanged(index(r, 0), index(r, ColumnCount - 1));
        } else {
            Row row;
            row.key = it.key();
            row.bySource.insert(source, it.value());
            added << row;
        }
    }
    if (!added.isEmpty()) {
        // Stable order for new rows: most severe first, then by name.
        std::sort(added.begin(), added.end(), [](const Row &a, const Row &b) {
            const Alert x = a.merged();
            const Alert y = b.merged();
            const int rx = severityRank(x.severity());
            const int ry = severityRank(y.severity());
            return rx != ry ? rx < ry : x.name < y.name;
        });
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + added.size()) - 1);
        m_rows += added;
        endInsertRows();
    }
}

Alert AlertsModel::alertAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows[row].merged() : Alert{};
}

int AlertsModel::firingCount() const
{
    int n = 0;
    for (const Row &r : m_rows)
        n += r.state() == QLatin1String("firing") ? 1 : 0;
    return n;
}

int AlertsModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int AlertsModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant AlertsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case SeverityColumn:
        return QStringLiteral("Severity");
    case NameColumn:
        return QStringLiteral("Alert");
    case StateColumn:
        return QStringLiteral("State");
    case SinceColumn:
        return QStringLiteral("Since");
    case SummaryColumn:
        return QStringLiteral("Summary");
    case LabelsColumn:
        return QStringLiteral("Labels");
    case SourceColumn:
        return QStringLiteral("Source");
    case RunbookColumn:
        return QStringLiteral("Runbook");
    default:
        return {};
    }
}

QVariant AlertsModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Row &row = m_rows[index.row()];
    const Alert a = row.merged();
    switch (role) {
    case KeyRole:
        return row.key;
    case SeverityRankRole:
        return severityRank(a.severity());
    case StateRole:
        return row.state();
    case AlertNameRole:
        return a.name;
    case RunbookRole:
        return runbookFor(a);
    case SinceMsRole:
        return a.activeAtMs;
    case LabelsRole: {
        QVariantMap m;
        for (auto it = a.labels.cbegin(); it != a.labels.cend(); ++it)
            m.insert(it.key(), it.value());
        return m;
    }
    case Qt::ToolTipRole:
        if (index.column() == SummaryColumn)
            return a.annotations.value(QStringLiteral("description"), a.summary());
        if (index.column() == LabelsColumn)
            return Prom::labelsToString(a.labels);
        return {};
    case Qt::DecorationRole:
        if (index.column() == SeverityColumn) {
            static const QColor colors[] = {QColor(0xd3, 0x2f, 0x2f), QColor(0xf5, 0x7c, 0x00),
                                            QColor(0xfb, 0xc0, 0x2d), QColor(0x19, 0x76, 0xd2),
                                            QColor(0x9e, 0x9e, 0x9e)};
            return colors[severityRank(a.severity())];
        }
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case SeverityColumn:
        return a.severity().isEmpty() ? QStringLiteral("none") : a.severity();
    case NameColumn:
        return a.name;
    case StateColumn:
        return row.state();
    case SinceColumn: {
        if (a.activeAtMs <= 0)
            return QString();
        const qint64 now = m_clock ? m_clock->now().toMSecsSinceEpoch() : QDateTime::currentMSecsSinceEpoch();
        const qint64 mins = std::max<qint64>(0, (now - a.activeAtMs) / 60000);
        const QString ago = mins < 1     ? QStringLiteral("just now")
                            : mins < 120 ? QStringLiteral("%1 min ago").arg(mins)
                                         : QStringLiteral("%1 h ago").arg(mins / 60);
        return QStringLiteral("%1 (%2 UTC)")
            .arg(ago,
                 QDateTime::fromMSecsSinceEpoch(a.activeAtMs, Qt::UTC).toString(QStringLiteral("HH:mm")));
    }
    case SummaryColumn:
        return a.summary();
    case LabelsColumn: {
        QStringList parts;
        for (auto it = a.labels.cbegin(); it != a.labels.cend(); ++it) {
            if (it.key() != QLatin1String("alertname") && it.key() != QLatin1String("severity"))
                parts << it.key() + QLatin1Char('=') + it.value();
        }
        return parts.join(QStringLiteral(", "));
    }
    case SourceColumn: {
        QStringList s = row.bySource.keys();
        s.sort();
        return s.join(QStringLiteral(", "));
    }
    case RunbookColumn:
        return runbookFor(a);
    default:
        return {};
    }
}

} // namespace Sitrep::Ui
