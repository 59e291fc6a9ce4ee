#include "prom/PromCall.h"

#include <QNetworkReply>

namespace Sitrep::Prom {

PromCall::PromCall(QString what, QObject *parent)
    : QObject(parent)
    , m_what(std::move(what))
{}

void PromCall::abort()
{
    if (m_done)
        return;
    m_cancelled = true;
    m_aborting = true;
    if (m_reply)
        m_reply->abort();
    done();
}

void PromCall::done()
{
    if (m_done)
        return;
    m_done = true;
    emit finished();
    deleteLater();
}

} // namespace Sitrep::Prom
