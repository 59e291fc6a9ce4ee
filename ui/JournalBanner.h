#pragma once

#include "core/JournalRecovery.h"

#include <QFrame>
#include <QMetaObject>

class QLabel;
class QPushButton;

namespace Sitrep::Core {
class IncidentFile;
}

namespace Sitrep::Ui {

// The incident file's state where nobody can miss it: refusing writes (red: nothing new is recorded, and
// actions on production are refused), damaged (read-only, what was lost, Recover…) or still being checked.
// Hidden while the file is fine.
class JournalBanner final : public QFrame
{
    Q_OBJECT
public:
    enum class Kind { None, Checking, Damaged, WriteFailing };

    explicit JournalBanner(Core::IncidentFile &file, QWidget *parent = nullptr);

    Kind kind() const { return m_kind; }
    QString text() const;
    QPushButton *recoverButton() const { return m_recover; }

    // Copies every readable event of the open, damaged incident into path and opens the copy.
    Core::Result<Core::JournalRecovery::Report> recoverTo(const QString &path);
    // "incident.sitrep" -> "incident-recovered.sitrep" (-2, -3 ... when that exists).
    static QString suggestedRecoveryPath(const QString &damagedPath);

signals:
    // The Recover… button: the window asks where the new file goes, then calls recoverTo().
    void recoverRequested();

private:
    void attach();
    void refresh();

    Core::IncidentFile &m_file;
    QLabel *m_label;
    QPushButton *m_recover;
    Kind m_kind = Kind::None;
    QMetaObject::Connection m_health;
    QMetaObject::Connection m_failed;
    QMetaObject::Connection m_recovered;
};

} // namespace Sitrep::Ui
