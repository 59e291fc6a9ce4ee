#pragma once

#include "core/Redactor.h"
#include "core/Result.h"
#include "core/TimelineEvent.h"

#include <QList>
#include <QObject>
#include <QString>
#include <QTimer>

#include <memory>

namespace Sitrep::Core {

// The single source of truth of one incident: an append-only SQLite file (WAL, synchronous=FULL).
// An event is durable once append() returns. Other processes may append to the same file;
// watch() notices their events and emits them like local ones.
class Journal final : public QObject
{
    Q_OBJECT
public:
    static constexpr int kSchemaVersion = 1;
    enum class Mode { ReadWrite, ReadOnly };

    explicit Journal(QObject *parent = nullptr);
    ~Journal() override;

    // Opens (creating it in ReadWrite mode) the journal at path. A file written by a newer Sitrep
    // is opened read-only, with readOnlyReason() saying why.
    Result<void> open(const QString &path, Mode mode = Mode::ReadWrite);
    void close();
    bool isOpen() const { return !m_connection.isEmpty(); }
    bool isReadOnly() const { return m_readOnly; }
    QString readOnlyReason() const { return m_readOnlyReason; }
    QString path() const { return m_path; }
    int schemaVersion() const { return m_schemaVersion; }

    void setRedactor(std::shared_ptr<const Redactor> redactor);
    const Redactor &redactor() const { return *m_redactor; }

    // Redacts summary and payload, stores the event durably and returns it with its id.
    Result<TimelineEvent> append(TimelineEvent event);
    Result<void> setPinned(qint64 eventId, bool pinned);

    QList<TimelineEvent> events() const;
    QList<TimelineEvent> eventsAfter(qint64 id) const;
    std::optional<TimelineEvent> event(qint64 id) const;
    qint64 lastEventId() const { return m_lastEventId; }

    // Poll for changes made by other processes (cheap: PRAGMA data_version).
    void watch(int intervalMs = 250);
    // Check once now; also called by the watch timer.
    void refresh();

signals:
    void eventsAppended(const QList<Sitrep::Core::TimelineEvent> &events);
    void eventChanged(const Sitrep::Core::TimelineEvent &event);

private:
    Result<void> migrate();
    QList<TimelineEvent> query(const QString &where, const QVariantList &binds) const;
    qint64 dataVersion() const;

    QString m_connection;
    QString m_path;
    bool m_readOnly = false;
    QString m_readOnlyReason;
    int m_schemaVersion = 0;
    qint64 m_lastEventId = 0;
    qint64 m_lastPinId = 0;
    qint64 m_dataVersion = -1;
    std::shared_ptr<const Redactor> m_redactor;
    QTimer m_watchTimer;
};

} // namespace Sitrep::Core
