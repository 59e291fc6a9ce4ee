#pragma once

#include "comms/Channel.h"
#include "comms/NotifierInterface.h"
#include "core/Clock.h"
#include "core/Journal.h"
#include "core/Result.h"

#include <QHash>
#include <QObject>
#include <QTimer>

#include <optional>

namespace Sitrep::Comms {

enum class DeliveryState { Queued, Sending, Retrying, Sent, Failed };
QString deliveryStateName(DeliveryState s); // "queued", "sending", "retrying", "sent", "failed"

// Where one update stands on one channel.
struct Delivery
{
    QString updateId;
    QString channel;
    DeliveryState state = DeliveryState::Queued;
    int attempts = 0;
    int httpStatus = 0;
    QString message; // the server's message for the last failure, or "sent"
    qint64 nextAttemptMs = 0;
    qint64 sentMs = 0;
    QString externalId;
};

// One published update as the history shows it.
struct PublishedUpdate
{
    QString updateId;
    qint64 tsMs = 0;
    QString author;
    QString templateName;
    QString heading;
    QString status;
    QString plainText;
    QStringList channels;
};

// Publishes updates to channels through Notifier plugins, and never loses one: the update and its
// outbox live in the journal (UpdatePublished, then Outbox queued / attempt-failed / sent / failed),
// temporary failures are retried with exponential backoff, and a new Publisher on the same journal
// (after a restart) picks up whatever was not sent. Time comes from the injected Clock; a QTimer
// calls processDue() in the app, tests call it themselves after moving a ManualClock.
// Start it (start()) after registering the notifiers and channels and loading their secrets.
class Publisher final : public QObject
{
    Q_OBJECT
public:
    struct Backoff
    {
        qint64 firstMs = 5'000;
        qint64 maxMs = 300'000;
    };

    Publisher(Core::Journal &journal, const Core::Clock &clock, QObject *parent = nullptr);
    ~Publisher() override;

    void registerNotifier(NotifierInterface *notifier); // by notifier->id(); not owned
    bool hasNotifier(const QString &pluginId) const { return m_notifiers.contains(pluginId); }
    void setChannels(const QList<Channel> &channels);
    const QList<Channel> &channels() const { return m_channels; }
    void setBackoff(Backoff backoff) { m_backoff = backoff; }
    void start(int tickMs = 1000);
    void stop();

    // Records the update (UpdatePublished) and queues it for each channel, then starts sending.
    // Returns the update id. Fails only when the journal cannot record it or no channel is given.
    Core::Result<QString> publish(NotifierUpdate update, const QStringList &channelIds,
                                  const QString &author);
    // Sends a failed or waiting delivery again now (after the user fixed the settings).
    Core::Result<void> retryNow(const QString &updateId, const QString &channelId, const QString &author);
    // Starts every attempt that is due.
    void processDue();

    QList<Delivery> deliveries() const;
    QList<Delivery> deliveries(const QString &updateId) const;
    std::optional<Delivery> delivery(const QString &updateId, const QString &channelId) const;
    QList<PublishedUpdate> history() const { return m_history; }
    int pendingCount() const; // queued, sending or retrying
    qint64 backoffMs(int attempts) const;

signals:
    void deliveryChanged(const Sitrep::Comms::Delivery &delivery);
    void updatePublished(const QString &updateId);

private:
    void replay();
    void apply(const Core::TimelineEvent &e);
    void send(Delivery &d);
    void onResult(const QString &updateId, const QString &channelId, const NotifierResult &result);
    void noteUnrecorded(Delivery &d, const Core::Result<void> &recorded);
    Core::Result<void> recordOutbox(const Delivery &d, const QString &state, const QString &summary,
                                    const QString &author = {});
    Delivery *find(const QString &updateId, const QString &channelId);
    std::optional<Channel> channel(const QString &id) const;

    Core::Journal &m_journal;
    const Core::Clock &m_clock;
    Backoff m_backoff;
    QHash<QString, NotifierInterface *> m_notifiers;
    QList<Channel> m_channels;
    QHash<QString, NotifierUpdate> m_updates;
    QList<Delivery> m_deliveries; // in publish order
    QList<PublishedUpdate> m_history;
    QHash<QString, QString> m_externalIds; // channel -> last external id (e.g. Statuspage incident)
    QTimer m_timer;
};

} // namespace Sitrep::Comms
