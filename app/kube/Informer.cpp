#include "kube/Informer.h"

#include "kube/KubeCall.h"
#include "kube/KubeClient.h"

#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRandomGenerator>
#include <QtConcurrent/QtConcurrentRun>

namespace Sitrep::Kube {

QString ResourceRef::describe() const
{
    QString d =
        resource + (ns.isEmpty() ? QStringLiteral(" in all namespaces") : QStringLiteral(" in ") + ns);
    if (!labelSelector.isEmpty())
        d += QStringLiteral(" (labels %1)").arg(labelSelector);
    if (!fieldSelector.isEmpty())
        d += QStringLiteral(" (fields %1)").arg(fieldSelector);
    return d;
}

struct Informer::Page
{
    quint64 generation = 0;
    QString error;
    ObjectEvents items;
    QString continueToken;
    QString resourceVersion;
};

Informer::Informer(KubeClient *client, ResourceRef ref, QObject *parent)
    : QObject(parent)
    , m_client(client)
    , m_ref(std::move(ref))
{
    qRegisterMetaType<Sitrep::Kube::ObjectEvents>();
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, [this] {
        if (m_watchFailed || !m_synced) {
            m_watchFailed = false;
            relist();
        } else {
            watch();
        }
    });
}

Informer::~Informer()
{
    abortCalls();
}

QString Informer::path() const
{
    return resourcePath(m_ref.group, m_ref.version, m_ref.resource, m_ref.ns);
}

QUrlQuery Informer::baseQuery() const
{
    QUrlQuery q;
    if (!m_ref.labelSelector.isEmpty())
        q.addQueryItem(QStringLiteral("labelSelector"),
                       QString::fromLatin1(QUrl::toPercentEncoding(m_ref.labelSelector)));
    if (!m_ref.fieldSelector.isEmpty())
        q.addQueryItem(QStringLiteral("fieldSelector"),
                       QString::fromLatin1(QUrl::toPercentEncoding(m_ref.fieldSelector)));
    return q;
}

void Informer::start()
{
    if (m_state != State::Stopped)
        return;
    m_synced = false;
    m_attempt = 0;
    setState(State::Connecting);
    relist();
}

void Informer::stop()
{
    abortCalls();
    m_retry.stop();
    ++m_generation;
    setState(State::Stopped);
}

void Informer::abortCalls()
{
    for (KubeCall *c : {m_listCall.data(), m_watchCall.data()}) {
        if (c) {
            c->disconnect(this);
            c->abort();
        }
    }
    m_listCall = nullptr;
    m_watchCall = nullptr;
}

void Informer::relist()
{
    abortCalls();
    m_retry.stop();
    ++m_generation;
    m_index.beginRelist();
    listPage(QString());
}

void Informer::listPage(const QString &continueToken)
{
    KubeRequest r;
    r.path = path();
    r.query = baseQuery();
    r.query.addQueryItem(QStringLiteral("limit"), QString::number(m_pageSize));
    if (!continueToken.isEmpty())
        r.query.addQueryItem(QStringLiteral("continue"),
                             QString::fromLatin1(QUrl::toPercentEncoding(continueToken)));
    r.timeoutMs = m_listTimeoutMs;
    r.what = QStringLiteral("list ") + m_ref.describe();
    KubeCall *call = m_client->send(r);
    m_listCall = call;
    const quint64 gen = m_generation;
    connect(call, &KubeCall::finished, this, [this, call, gen, continueToken] {
        m_listCall = nullptr;
        if (gen != m_generation)
            return;
        if (!call->ok()) {
            if (call->httpStatus() == 410 && !continueToken.isEmpty()) {
                // The continue token expired between pages: start the list over.
                relist();
                return;
            }
            const int st = call->httpStatus();
            scheduleRetry(call->errorText(), st == 401 || st == 403);
            return;
        }
        const QByteArray body = call->body();
        const QString what = call->request().what;
        auto *watcher = new QFutureWatcher<Page>(this);
        connect(watcher, &QFutureWatcher<Page>::finished, this, [this, watcher] {
            watcher->deleteLater();
            onPage(watcher->result());
        });
        watcher->setFuture(QtConcurrent::run([body, gen, what]() {
            Page page;
            page.generation = gen;
            QJsonParseError pe;
            const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
            if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
                page.error = QStringLiteral("%1: the API server sent malformed JSON (%2 at offset %3)")
                                 .arg(what, pe.errorString())
                                 .arg(pe.offset);
                return page;
            }
            const QJsonObject o = doc.object();
            const QJsonValue items = o.value(QLatin1String("items"));
            if (!items.isArray() && !items.isNull()) {
                page.error = QStringLiteral("%1: the API server's answer is not a list (kind \"%2\")")
                                 .arg(what, o.value(QLatin1String("kind")).toString());
                return page;
            }
            const QJsonObject meta = o.value(QLatin1String("metadata")).toObject();
            page.continueToken = meta.value(QLatin1String("continue")).toString();
            page.resourceVersion = meta.value(QLatin1String("resourceVersion")).toString();
            const QJsonArray arr = items.toArray();
            page.items.reserve(arr.size());
            for (const auto &v : arr) {
                ObjectEvent e;
                e.object = v.toObject();
                e.key = ObjectEvent::keyOf(e.object);
                e.resourceVersion = e.object.value(QLatin1String("metadata"))
                                        .toObject()
                                        .value(QLatin1String("resourceVersion"))
                                        .toString();
                page.items << std::move(e);
            }
            return page;
        }));
    });
}

void Informer::onPage(Page page)
{
    if (page.generation != m_generation)
        return;
    if (!page.error.isEmpty()) {
        scheduleRetry(page.error);
        return;
    }
    ObjectEvents out;
    out.reserve(page.items.size());
    for (ObjectEvent &e : page.items)
        if (m_index.relistItem(e))
            out << std::move(e);
    if (!out.isEmpty())
        emit eventsReady(out);
    if (!page.continueToken.isEmpty()) {
        listPage(page.continueToken);
        return;
    }
    const QStringList gone = m_index.endRelist();
    if (!gone.isEmpty()) {
        ObjectEvents deletions;
        for (const QString &key : gone) {
            ObjectEvent e;
            e.type = ObjectEvent::Type::Deleted;
            e.key = key;
            const qsizetype slash = key.indexOf(QLatin1Char('/'));
            QJsonObject meta;
            if (slash >= 0) {
                meta.insert(QStringLiteral("namespace"), key.left(slash));
                meta.insert(QStringLiteral("name"), key.mid(slash + 1));
            } else {
                meta.insert(QStringLiteral("name"), key);
            }
            e.object.insert(QStringLiteral("metadata"), meta);
            deletions << e;
        }
        emit eventsReady(deletions);
    }
    m_rv = page.resourceVersion;
    m_synced = true;
    emit synced();
    watch();
}

void Informer::watch()
{
    m_lines.clear();
    KubeRequest r;
    r.path = path();
    r.query = baseQuery();
    r.query.addQueryItem(QStringLiteral("watch"), QStringLiteral("true"));
    r.query.addQueryItem(QStringLiteral("allowWatchBookmarks"), QStringLiteral("true"));
    r.query.addQueryItem(QStringLiteral("resourceVersion"), m_rv);
    const int timeout = m_watchMax > m_watchMin
                            ? int(QRandomGenerator::global()->bounded(m_watchMin, m_watchMax + 1))
                            : m_watchMin;
    r.query.addQueryItem(QStringLiteral("timeoutSeconds"), QString::number(timeout));
    r.stream = true;
    r.timeoutMs = m_watchIdleMs;
    r.what = QStringLiteral("watch ") + m_ref.describe();
    KubeCall *call = m_client->send(r);
    m_watchCall = call;
    connect(call, &KubeCall::opened, this, [this] {
        m_attempt = 0;
        m_lastError.clear();
        setState(State::Live);
    });
    connect(call, &KubeCall::chunk, this, &Informer::onWatchChunk);
    connect(call, &KubeCall::finished, this, [this, call] { onWatchFinished(call); });
}

void Informer::onWatchChunk(const QByteArray &data)
{
    const QList<QByteArray> lines = m_lines.append(data);
    if (m_lines.overflowed()) {
        abortCalls();
        m_watchFailed = true;
        scheduleRetry(
            QStringLiteral("watch %1: an event larger than the limit arrived").arg(m_ref.describe()));
        return;
    }
    ObjectEvents out;
    const quint64 gen = m_generation;
    for (const QByteArray &line : lines) {
        handleLine(line, out);
        if (gen != m_generation || !m_watchCall)
            break; // the line stopped the watch (410, malformed): later lines are from a dead stream
    }
    if (!out.isEmpty())
        emit eventsReady(out);
}

void Informer::handleLine(const QByteArray &line, ObjectEvents &out)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        if (!out.isEmpty()) {
            emit eventsReady(out);
            out.clear();
        }
        abortCalls();
        m_watchFailed = true; // relist: events may have been lost with the bad line
        scheduleRetry(QStringLiteral("watch %1: the API server sent malformed JSON (%2 at offset %3)")
                          .arg(m_ref.describe(), pe.errorString())
                          .arg(pe.offset));
        return;
    }
    const QJsonObject ev = doc.object();
    const QString type = ev.value(QLatin1String("type")).toString();
    const QJsonObject object = ev.value(QLatin1String("object")).toObject();
    const QString rv =
        object.value(QLatin1String("metadata")).toObject().value(QLatin1String("resourceVersion")).toString();
    if (type == QLatin1String("BOOKMARK")) {
        if (!rv.isEmpty())
            m_rv = rv;
        return;
    }
    if (type == QLatin1String("ERROR")) {
        if (!out.isEmpty()) {
            emit eventsReady(out);
            out.clear();
        }
        abortCalls();
        const int code = object.value(QLatin1String("code")).toInt();
        if (code == 410) {
            m_lastError =
                QStringLiteral("the watch of %1 expired (410 Gone): listing again").arg(m_ref.describe());
            scheduleRelist(1000);
        } else {
            scheduleRetry(QStringLiteral("watch %1 failed (%2): %3")
                              .arg(m_ref.describe())
                              .arg(code)
                              .arg(object.value(QLatin1String("message")).toString()));
        }
        return;
    }
    ObjectEvent e;
    if (type == QLatin1String("ADDED"))
        e.type = ObjectEvent::Type::Added;
    else if (type == QLatin1String("MODIFIED"))
        e.type = ObjectEvent::Type::Modified;
    else if (type == QLatin1String("DELETED"))
        e.type = ObjectEvent::Type::Deleted;
    else
        return; // unknown types are ignored, as client-go does
    e.object = object;
    e.key = ObjectEvent::keyOf(object);
    e.resourceVersion = rv;
    if (!rv.isEmpty())
        m_rv = rv;
    // An ADDED for a known key (after a reconnect) is a modification for the consumers.
    if (e.type == ObjectEvent::Type::Added && m_index.contains(e.key))
        e.type = ObjectEvent::Type::Modified;
    else if (e.type == ObjectEvent::Type::Modified && !m_index.contains(e.key))
        e.type = ObjectEvent::Type::Added;
    if (m_index.apply(e))
        out << std::move(e);
}

void Informer::onWatchFinished(KubeCall *call)
{
    if (call != m_watchCall)
        return;
    m_watchCall = nullptr;
    if (call->ok()) {
        watch(); // the server's timeoutSeconds ran out: a normal end, watch on from the last RV
        return;
    }
    if (call->httpStatus() == 410) {
        m_lastError =
            QStringLiteral("the watch of %1 expired (410 Gone): listing again").arg(m_ref.describe());
        scheduleRelist(1000);
        return;
    }
    const int st = call->httpStatus();
    scheduleRetry(call->errorText(), st == 401 || st == 403);
}

void Informer::scheduleRelist(int delayMs)
{
    ++m_relists;
    m_watchFailed = true;
    ++m_attempt;
    setState(State::Reconnecting);
    m_retry.start(std::min(delayMs, m_backoffMaxMs));
}

void Informer::scheduleRetry(const QString &error, bool fatal)
{
    ++m_attempt;
    m_lastError = error;
    setState(fatal ? State::Failed : State::Reconnecting);
    qint64 delay = m_backoffInitialMs;
    for (int i = 1; i < m_attempt && delay < m_backoffMaxMs; ++i)
        delay *= 2;
    delay = std::min<qint64>(delay, m_backoffMaxMs);
    // +-20 % jitter so many informers do not reconnect in lockstep.
    delay = delay * (80 + qint64(QRandomGenerator::global()->bounded(41))) / 100;
    m_retry.start(int(std::max<qint64>(delay, 1)));
}

QString Informer::stateText() const
{
    switch (m_state) {
    case State::Stopped:
        return QStringLiteral("stopped");
    case State::Connecting:
        return QStringLiteral("connecting");
    case State::Live:
        return QStringLiteral("live");
    case State::Reconnecting:
        return m_lastError.isEmpty()
                   ? QStringLiteral("reconnecting (%1)").arg(m_attempt)
                   : QStringLiteral("reconnecting (%1): %2").arg(m_attempt).arg(m_lastError);
    case State::Failed:
        return m_lastError;
    }
    return {};
}

void Informer::setState(State s)
{
    m_state = s;
    emit stateChanged(s, stateText());
}

} // namespace Sitrep::Kube
