#include "JournalBanner.h"

#include "core/IncidentFile.h"

#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>

using namespace Sitrep::Core;

namespace Sitrep::Ui {

JournalBanner::JournalBanner(IncidentFile &file, QWidget *parent)
    : QFrame(parent)
    , m_file(file)
    , m_label(new QLabel(this))
    , m_recover(new QPushButton(tr("Recover\u2026"), this))
{
    setObjectName(QStringLiteral("journalBanner"));
    setAutoFillBackground(true);
    m_label->setWordWrap(true);
    m_label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_recover->setToolTip(tr("Write every event that can still be read into a new incident file and open it; "
                             "the damaged file is left as it is"));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(10, 6, 10, 6);
    layout->addWidget(m_label, 1);
    layout->addWidget(m_recover);
    connect(m_recover, &QPushButton::clicked, this, &JournalBanner::recoverRequested);
    connect(&m_file, &IncidentFile::incidentOpened, this, &JournalBanner::attach);
    connect(&m_file, &IncidentFile::incidentClosed, this, &JournalBanner::attach);
    attach();
}

void JournalBanner::attach()
{
    disconnect(m_health);
    disconnect(m_failed);
    disconnect(m_recovered);
    if (Journal *j = m_file.journal()) {
        m_health = connect(j, &Journal::healthChanged, this, &JournalBanner::refresh);
        m_failed = connect(j, &Journal::writeFailed, this, &JournalBanner::refresh);
        m_recovered = connect(j, &Journal::writeRecovered, this, &JournalBanner::refresh);
    }
    refresh();
}

QString JournalBanner::text() const
{
    return m_label->text();
}

void JournalBanner::refresh()
{
    const Journal *j = m_file.journal();
    m_kind = Kind::None;
    QString text;
    QString colour;
    if (j && !j->writeError().isEmpty()) {
        // Worst first: while writes fail, nothing new is on record and actions are refused.
        m_kind = Kind::WriteFailing;
        text = tr("\u26a0 %1. New entries are not being recorded, and cluster actions and runbook commands are "
                  "refused until it can be written again (free disk space, or check the file's permissions).")
                   .arg(j->writeError());
        colour = QStringLiteral("#b71c1c");
    } else if (j && j->health().isDamaged()) {
        m_kind = Kind::Damaged;
        QString s = j->health().sentence();
        s[0] = s[0].toUpper();
        text = tr("\u26a0 %1. It is open read-only and export is blocked; Recover writes every readable event "
                  "into a new file.")
                   .arg(s);
        colour = QStringLiteral("#e65100");
    } else if (j && j->health().state == JournalHealth::State::Checking) {
        m_kind = Kind::Checking;
        text = tr("Checking the incident file (%1 MB); export waits until the check has finished.")
                   .arg(QFileInfo(j->path()).size() / (1024 * 1024));
        colour = QStringLiteral("#455a64");
    }
    m_label->setText(text);
    m_recover->setVisible(m_kind == Kind::Damaged);
    setStyleSheet(colour.isEmpty() ? QString()
                                   : QStringLiteral("#journalBanner { background: %1; } #journalBanner QLabel "
                                                    "{ color: white; font-weight: bold; }")
                                         .arg(colour));
    setVisible(m_kind != Kind::None);
}

QString JournalBanner::suggestedRecoveryPath(const QString &damagedPath)
{
    const QFileInfo info(damagedPath);
    const QString base = info.path() + QLatin1Char('/') + info.completeBaseName() + QStringLiteral("-recovered");
    QString candidate = base + QStringLiteral(".sitrep");
    for (int n = 2; QFileInfo::exists(candidate); ++n)
        candidate = base + QStringLiteral("-%1.sitrep").arg(n);
    return candidate;
}

Result<JournalRecovery::Report> JournalBanner::recoverTo(const QString &path)
{
    if (!m_file.journal())
        return makeError(tr("no incident is open"));
    const QString source = m_file.path();
    auto report = JournalRecovery::recover(source, path, m_file.author());
    if (!report)
        return report;
    if (auto r = m_file.open(path); !r)
        return r.error();
    return report;
}

} // namespace Sitrep::Ui
