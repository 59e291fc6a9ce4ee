#include "core/IncidentFile.h"

#include <QFile>
#include <QFileInfo>

namespace Sitrep::Core {

IncidentFile::IncidentFile(const Clock &clock, QString author, QObject *parent)
    : QObject(parent)
    , m_clock(clock)
    , m_author(std::move(author))
{}

IncidentFile::~IncidentFile()
{
    m_session.reset();
    m_journal.reset();
}

Result<void> IncidentFile::open(const QString &path, Journal::Mode mode)
{
    if (!QFileInfo::exists(path))
        return makeError(QStringLiteral("no such incident file"), path);
    auto journal = std::make_unique<Journal>();
    journal->setRedactor(m_redactor);
    if (auto r = journal->open(path, mode); !r)
        return r; // the incident that was open stays open
    close();
    m_journal = std::move(journal);
    m_session = std::make_unique<IncidentSession>(*m_journal, m_clock, m_author);
    m_journal->watch();
    emit incidentOpened();
    return {};
}

Result<void> IncidentFile::create(const QString &path, const IncidentSession::Declaration &declaration)
{
    if (QFileInfo::exists(path))
        return makeError(QStringLiteral("already exists; not overwriting an incident"), path);
    auto journal = std::make_unique<Journal>();
    journal->setRedactor(m_redactor);
    if (auto r = journal->open(path); !r)
        return r;
    auto session = std::make_unique<IncidentSession>(*journal, m_clock, m_author);
    if (auto r = session->declare(declaration); !r) {
        session.reset();
        journal.reset();
        QFile::remove(path);
        QFile::remove(path + QStringLiteral("-wal"));
        QFile::remove(path + QStringLiteral("-shm"));
        return r;
    }
    close();
    m_journal = std::move(journal);
    m_session = std::move(session);
    m_journal->watch();
    emit incidentOpened();
    return {};
}

void IncidentFile::setRedactor(std::shared_ptr<const Redactor> redactor)
{
    m_redactor = std::move(redactor);
    if (m_journal)
        m_journal->setRedactor(m_redactor);
}

void IncidentFile::close()
{
    if (!m_journal)
        return;
    m_session.reset();
    m_journal.reset();
    emit incidentClosed();
}

} // namespace Sitrep::Core
