#pragma once

#include "core/Clock.h"
#include "core/IncidentSession.h"
#include "core/Journal.h"

#include <QObject>

#include <memory>

namespace Sitrep::Core {

// The incident that is open right now: its journal and session, replaced as a whole when the user
// opens or creates another one, so panes reconnect to one signal instead of tracking files.
class IncidentFile final : public QObject
{
    Q_OBJECT
public:
    IncidentFile(const Clock &clock, QString author, QObject *parent = nullptr);
    ~IncidentFile() override;

    Result<void> open(const QString &path, Journal::Mode mode = Journal::Mode::ReadWrite);
    Result<void> create(const QString &path, const IncidentSession::Declaration &declaration);
    void close();
    // The redactor every journal opened from now on uses (known secret values from the keychain).
    void setRedactor(std::shared_ptr<const Redactor> redactor);

    bool isOpen() const { return m_session != nullptr; }
    QString path() const { return m_journal ? m_journal->path() : QString(); }
    Journal *journal() const { return m_journal.get(); }
    IncidentSession *session() const { return m_session.get(); }
    const Clock &clock() const { return m_clock; }
    QString author() const { return m_author; }

signals:
    // Emitted after open/create/close; journal() and session() are the new ones (or null).
    void incidentOpened();
    void incidentClosed();

private:
    const Clock &m_clock;
    QString m_author;
    std::shared_ptr<const Redactor> m_redactor;
    std::unique_ptr<Journal> m_journal;
    std::unique_ptr<IncidentSession> m_session;
};

} // namespace Sitrep::Core
