#include "team/ServerConnection.h"

#include "team/ServerErrors.h"

#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>
#include <QUuid>

using namespace Sitrep::Core;

namespace Sitrep::Team {

ServerConnection::ServerConnection(ServerUrl url, QString password, QString applicationName)
    : m_url(std::move(url))
    , m_password(std::move(password))
    , m_applicationName(std::move(applicationName))
    , m_name(QStringLiteral("team-") + QUuid::createUuid().toString(QUuid::WithoutBraces))
{}

ServerConnection::~ServerConnection()
{
    close();
}

Result<void> ServerConnection::open()
{
    close();
    if (!QSqlDatabase::isDriverAvailable(QStringLiteral("QPSQL")))
        return makeError(QStringLiteral("Qt's PostgreSQL driver is not installed (apt-get install "
                                        "libqt6sql6-psql)"),
                         m_url.display());
    QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_name);
    m_url.configure(db, m_password, m_applicationName);
    if (!db.open()) {
        const QSqlError err = db.lastError();
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
        return ServerErrors::connectFailed(m_url, err);
    }
    return {};
}

void ServerConnection::close()
{
    if (!QSqlDatabase::contains(m_name))
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(m_name, false);
        db.close();
    }
    QSqlDatabase::removeDatabase(m_name);
}

bool ServerConnection::isOpen() const
{
    if (!QSqlDatabase::contains(m_name))
        return false;
    const QSqlDatabase db = QSqlDatabase::database(m_name, false);
    return db.isOpen() && db.driver() && db.driver()->isOpen();
}

QSqlDatabase ServerConnection::database() const
{
    return QSqlDatabase::database(m_name, false);
}

Result<QSqlQuery> ServerConnection::exec(const QString &sql, const QString &what)
{
    m_lastLost = false;
    if (!isOpen()) {
        m_lastLost = true;
        return makeError(QStringLiteral("not connected to the team server (%1)").arg(what), m_url.display());
    }
    QSqlQuery q(database());
    if (!q.exec(sql)) {
        const QSqlError err = q.lastError();
        m_lastLost = ServerErrors::isConnectionLost(err) || !isOpen();
        return ServerErrors::queryFailed(m_url, what, err);
    }
    return q;
}

QString ServerConnection::literal(const QVariant &value) const
{
    QSqlField field(QString(), value.metaType());
    field.setValue(value);
    const QSqlDatabase db = database();
    if (!db.driver())
        return QStringLiteral("NULL");
    return db.driver()->formatValue(field);
}

} // namespace Sitrep::Team
