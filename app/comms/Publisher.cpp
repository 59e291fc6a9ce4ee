#include "comms/Publisher.h"

#include <QJsonArray>
#include <QLoggingCategory>
#include <QPointer>
#include <QUuid>

namespace Sitrep::Comms {

using Core::EventKind;
using Core::makeError;

Q_LOGGING_CATEGORY(lcComms, "sitrep.comms")

namespace {

const QString kSystemAuthor = QStringLiteral("sitrep");

QString secondsText(qint64 ms)
{
    return ms >= 60'000 && ms % 60'000 == 0 ? QStringLiteral("%1 min").arg(ms / 60'000)
                                            : QStringLiteral("%1 s").arg((ms + 999) / 1000);
}

QJsonObject updateToJson(const NotifierUpdate &u)
{
    return {{QStringLiteral("updateId"), u.updateId},   {QStringLiteral("template"), u.templateName},
            {QStringLiteral("heading"), u.heading},     {QStringLiteral("status"), u.status},
            {QStringLiteral("severity"), u.severity},   {QStringLiteral("service"), u.service},
            {QStringLiteral("text"), u.plainText},      {QStringLiteral("plainBody"), u.plainBody},
            {QStringLiteral("markdown"), u.markdown},   {QStringLiteral("slack"), u.slack},
            {QStringLiteral("slackBody"), u.slackBody}, {QStringLiteral("fields"), u.fields},
            {QStringLiteral("createdMs"), u.createdMs}};
}

NotifierUpdate updateFromJson(const QJsonObject &p)
{
    auto s = [&p](const char *k) { return p.value(QLatin1String(k)).toString(); };
    NotifierUpdate u;
    u.updateId = s("updateId");
    u.templateName = s("template");
    u.heading = s("heading");
    u.status = s("status");
    u.severity = s("severity");
    u.service = s("service");
    u.plainText = s("text");
    u.plainBody = s("plainBody");
    u.markdown = s("markdown");
    u.slack = s("slack");
    u.slackBody = s("slackBody");
    u.fields = p.value(QLatin1String("fields")).toObject();
    u.createdMs = p.value(QLatin1String("createdMs")).toInteger();
    return u;
}

} // namespace

QString deliveryStateName(DeliveryState s)
{
    switch (s) {
    case DeliveryState::Queued:
        return QStringLiteral("queued");
    case DeliveryState::Sending:
        return QStringLiteral("sending");
    case DeliveryState::Retrying:
        return QStringLiteral("retrying");
    case DeliveryState::Sent:
        return QStringLiteral("sent");
    case DeliveryState::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

Publisher::Publisher(Core::Journal &journal, const Core::Clock &clock, QObject *parent)
    : QObject(parent)
    , m_journal(journal)
    , m_clock(clock)
{
    connect(&m_timer, &QTimer::timeout, this, &Publisher::processDue);
    replay();
}

Publisher::~Publisher()
{
    // Callbacks of attempts still in flight are guarded by a QPointer and find nothing to update.
    m_timer.stop();
}

void Publisher::registerNotifier(NotifierInterface *notifier)
{
    if (notifier)
        m_notifiers.insert(notifier->id(), notifier);
}

void Publisher::setChannels(const QList<Channel> &channels)
{
    m_channels = channels;
}

void Publisher::start(int tickMs)
{
    m_timer.start(tickMs);
    processDue();
}

void Publisher::stop()
{
    m_timer.stop();
}

void Publisher::replay()
{
    for (const auto &e : m_journal.events())
        apply(e);
}

void Publisher::apply(const Core::TimelineEvent &e)
{
    const QJsonObject &p = e.payload;
    if (e.kind == EventKind::UpdatePublished) {
        NotifierUpdate u = updateFromJson(p);
        if (u.updateId.isEmpty())
            return; // an update recorded by hand (e.g. the CLI), not through the outbox
        QStringList channels;
        for (const auto &c : p.value(QLatin1String("channels")).toArray())
            channels << c.toString();
        m_updates.insert(u.updateId, u);
        m_history.append(
            {u.updateId, e.tsMs, e.author, u.templateName, u.heading, u.status, u.plainText, channels});
        for (const auto &c : channels) {
            Delivery d;
            d.updateId = u.updateId;
            d.channel = c;
            d.nextAttemptMs = e.tsMs;
            m_deliveries << d;
        }
        return;
    }
    if (e.kind != EventKind::Outbox)
        return;
    Delivery *d =
        find(p.value(QLatin1String("updateId")).toString(), p.value(QLatin1String("channel")).toString());
    if (!d)
        return;
    const QString state = p.value(QLatin1String("state")).toString();
    d->attempts = std::max(d->attempts, p.value(QLatin1String("attempt")).toInt());
    d->httpStatus = p.value(QLatin1String("httpStatus")).toInt();
    if (p.contains(QLatin1String("message")))
        d->message = p.value(QLatin1String("message")).toString();
    if (state == QLatin1String("attempt-failed")) {
        d->state = DeliveryState::Retrying;
        d->nextAttemptMs = p.value(QLatin1String("nextAttemptMs")).toInteger();
    } else if (state == QLatin1String("sent")) {
        d->state = DeliveryState::Sent;
        d->sentMs = e.tsMs;
        d->externalId = p.value(QLatin1String("externalId")).toString();
        if (!d->externalId.isEmpty())
            m_externalIds.insert(d->channel, d->externalId);
    } else if (state == QLatin1String("failed")) {
        d->state = DeliveryState::Failed;
    } else if (state == QLatin1String("retry-requested") || state == QLatin1String("queued")) {
        d->state = DeliveryState::Queued;
        d->nextAttemptMs = e.tsMs;
    }
}

Core::Result<QString> Publisher::publish(NotifierUpdate update, const QStringList &channelIds,
                                         const QString &author)
{
    if (channelIds.isEmpty())
        return makeError(QStringLiteral("choose at least one channel to publish to"),
                         QStringLiteral("channels"));
    if (update.updateId.isEmpty())
        update.updateId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    if (update.createdMs == 0)
        update.createdMs = m_clock.nowMs();
    QJsonObject payload = updateToJson(update);
    payload.insert(QStringLiteral("channels"), QJsonArray::fromStringList(channelIds));
    const QString summary =
        QStringLiteral("Update published (%1) to %2: %3")
            .arg(update.status.toUpper(), channelIds.join(QStringLiteral(", ")), update.heading);
    auto recorded = m_journal.append(
        Core::makeEvent(EventKind::UpdatePublished, m_clock.nowMs(), author, summary, payload));
    if (!recorded)
        return makeError(QStringLiteral("the update was not recorded, so it was not sent: %1")
                             .arg(recorded.error().text()));
    apply(*recorded);
    for (const auto &c : channelIds) {
        if (Delivery *d = find(update.updateId, c)) {
            noteUnrecorded(*d, recordOutbox(*d, QStringLiteral("queued"), QStringLiteral("%1: queued").arg(c), author));
            emit deliveryChanged(*d);
        }
    }
    emit updatePublished(update.updateId);
    processDue();
    return update.updateId;
}

Core::Result<void> Publisher::retryNow(const QString &updateId, const QString &channelId,
                                       const QString &author)
{
    Delivery *d = find(updateId, channelId);
    if (!d)
        return makeError(QStringLiteral("no such delivery"),
                         QStringLiteral("%1/%2").arg(updateId, channelId));
    if (d->state == DeliveryState::Sent)
        return makeError(QStringLiteral("already sent to %1").arg(channelId));
    if (d->state == DeliveryState::Sending)
        return makeError(QStringLiteral("an attempt to %1 is in progress").arg(channelId));
    // Fail closed: a retry that cannot be put on record is not made.
    if (auto r = recordOutbox(*d, QStringLiteral("retry-requested"),
                              QStringLiteral("%1: retry requested").arg(channelId), author);
        !r)
        return makeError(QStringLiteral("not retried: %1").arg(r.error().message));
    d->state = DeliveryState::Queued;
    d->nextAttemptMs = m_clock.nowMs();
    emit deliveryChanged(*d);
    processDue();
    return {};
}

void Publisher::processDue()
{
    // Before the plugins are registered nothing can be sent; waiting beats failing every replayed delivery.
    if (m_notifiers.isEmpty())
        return;
    const qint64 now = m_clock.nowMs();
    // Index loop: send() may complete synchronously in a test double and touch the list.
    for (qsizetype i = 0; i < m_deliveries.size(); ++i) {
        Delivery &d = m_deliveries[i];
        if ((d.state == DeliveryState::Queued || d.state == DeliveryState::Retrying) &&
            d.nextAttemptMs <= now)
            send(d);
    }
}

void Publisher::send(Delivery &d)
{
    const auto ch = channel(d.channel);
    NotifierInterface *notifier = ch ? m_notifiers.value(ch->plugin) : nullptr;
    if (!ch || !notifier || !m_updates.contains(d.updateId)) {
        d.state = DeliveryState::Failed;
        d.message =
            !ch ? QStringLiteral("channel \"%1\" is not configured: add it in settings, then retry")
                      .arg(d.channel)
            : !notifier
                ? QStringLiteral("no notifier plugin \"%1\" is loaded: see the plugin list in settings")
                      .arg(ch->plugin)
                : QStringLiteral("the update text is missing from the journal");
        noteUnrecorded(d, recordOutbox(d, QStringLiteral("failed"),
                                       QStringLiteral("%1: failed: %2").arg(d.channel, d.message)));
        emit deliveryChanged(d);
        return;
    }
    ++d.attempts;
    d.state = DeliveryState::Sending;
    emit deliveryChanged(d);
    QJsonObject config = ch->config;
    if (const QString ext = m_externalIds.value(d.channel); !ext.isEmpty())
        config.insert(QStringLiteral("externalId"), ext);
    QPointer<Publisher> self(this);
    const QString updateId = d.updateId;
    const QString channelId = d.channel;
    notifier->publish(m_updates.value(d.updateId), config,
                      [self, updateId, channelId](const NotifierResult &r) {
                          if (self)
                              self->onResult(updateId, channelId, r);
                      });
}

void Publisher::onResult(const QString &updateId, const QString &channelId, const NotifierResult &in)
{
    // A server may echo a token or URL back in its error: scrub before it reaches the UI or a log.
    NotifierResult result = in;
    result.message = m_journal.redactor().redact(in.message);
    Delivery *d = find(updateId, channelId);
    if (!d || d->state != DeliveryState::Sending)
        return;
    d->httpStatus = result.httpStatus;
    switch (result.outcome) {
    case NotifierResult::Outcome::Sent:
        d->state = DeliveryState::Sent;
        d->sentMs = m_clock.nowMs();
        d->message = result.message.isEmpty() ? QStringLiteral("sent") : result.message;
        d->externalId = result.externalId;
        if (!result.externalId.isEmpty())
            m_externalIds.insert(channelId, result.externalId);
        noteUnrecorded(*d, recordOutbox(*d, QStringLiteral("sent"), QStringLiteral("%1: sent").arg(channelId)));
        qCInfo(lcComms).noquote() << "update" << updateId << "sent to" << channelId;
        break;
    case NotifierResult::Outcome::Retry: {
        const qint64 delay = backoffMs(d->attempts);
        d->state = DeliveryState::Retrying;
        d->message = result.message;
        d->nextAttemptMs = m_clock.nowMs() + delay;
        noteUnrecorded(*d, recordOutbox(*d, QStringLiteral("attempt-failed"),
                                        QStringLiteral("%1: attempt %2 failed: %3 — retrying in %4")
                                            .arg(channelId)
                                            .arg(d->attempts)
                                            .arg(result.message, secondsText(delay))));
        qCWarning(lcComms).noquote() << "update" << updateId << "to" << channelId << "attempt" << d->attempts
                                     << "failed:" << result.message;
        break;
    }
    case NotifierResult::Outcome::Failed:
        d->state = DeliveryState::Failed;
        d->message = result.message;
        noteUnrecorded(*d, recordOutbox(*d, QStringLiteral("failed"),
                                        QStringLiteral("%1: failed: %2").arg(channelId, result.message)));
        break;
    }
    emit deliveryChanged(*d);
}

Core::Result<void> Publisher::recordOutbox(const Delivery &d, const QString &state, const QString &summary,
                                           const QString &author)
{
    const auto ch = channel(d.channel);
    QJsonObject payload{{QStringLiteral("updateId"), d.updateId},
                        {QStringLiteral("channel"), d.channel},
                        {QStringLiteral("plugin"), ch ? ch->plugin : QString()},
                        {QStringLiteral("state"), state},
                        {QStringLiteral("attempt"), d.attempts}};
    if (d.httpStatus)
        payload.insert(QStringLiteral("httpStatus"), d.httpStatus);
    if (state == QLatin1String("attempt-failed") || state == QLatin1String("failed"))
        payload.insert(QStringLiteral("message"), d.message);
    if (state == QLatin1String("attempt-failed"))
        payload.insert(QStringLiteral("nextAttemptMs"), d.nextAttemptMs);
    if (state == QLatin1String("sent") && !d.externalId.isEmpty())
        payload.insert(QStringLiteral("externalId"), d.externalId);
    auto e = m_journal.append(Core::makeEvent(EventKind::Outbox, m_clock.nowMs(),
                                              author.isEmpty() ? kSystemAuthor : author, summary, payload));
    if (!e)
        return e.error();
    return {};
}

void Publisher::noteUnrecorded(Delivery &d, const Core::Result<void> &recorded)
{
    // The delivery happened (or failed) either way; the history says its record is missing, and the
    // journal's writeFailed banner says why.
    if (!recorded)
        d.message += QStringLiteral(" (not recorded: %1)").arg(recorded.error().message);
}

Delivery *Publisher::find(const QString &updateId, const QString &channelId)
{
    for (auto &d : m_deliveries) {
        if (d.updateId == updateId && d.channel == channelId)
            return &d;
    }
    return nullptr;
}

std::optional<Channel> Publisher::channel(const QString &id) const
{
    for (const auto &c : m_channels) {
        if (c.id == id)
            return c;
    }
    return std::nullopt;
}

QList<Delivery> Publisher::deliveries() const
{
    return m_deliveries;
}

QList<Delivery> Publisher::deliveries(const QString &updateId) const
{
    QList<Delivery> out;
    for (const auto &d : m_deliveries) {
        if (d.updateId == updateId)
            out << d;
    }
    return out;
}

std::optional<Delivery> Publisher::delivery(const QString &updateId, const QString &channelId) const
{
    for (const auto &d : m_deliveries) {
        if (d.updateId == updateId && d.channel == channelId)
            return d;
    }
    return std::nullopt;
}

int Publisher::pendingCount() const
{
    return int(std::count_if(m_deliveries.cbegin(), m_deliveries.cend(), [](const auto &d) {
        return d.state == DeliveryState::Queued || d.state == DeliveryState::Sending ||
               d.state == DeliveryState::Retrying;
    }));
}

qint64 Publisher::backoffMs(int attempts) const
{
    qint64 delay = m_backoff.firstMs;
    for (int i = 1; i < attempts && delay < m_backoff.maxMs; ++i)
        delay *= 2;
    return std::min(delay, m_backoff.maxMs);
}

} // namespace Sitrep::Comms
