#include "IncidentHeader.h"

#include "ElidedLabel.h"
#include "SeverityPalette.h"
#include "core/IncidentFile.h"

#include <QHBoxLayout>
#include <QLabel>

using namespace Sitrep::Core;

namespace Sitrep::Ui {

namespace {
QString badgeStyle(const QColor &bg)
{
    return QStringLiteral(
               "QLabel{background:%1;color:%2;border-radius:4px;padding:3px 10px;font-weight:bold;}")
        .arg(bg.name(), SeverityPalette::textOn(bg).name());
}
} // namespace

IncidentHeader::IncidentHeader(IncidentFile &file, QWidget *parent)
    : QWidget(parent)
    , m_file(file)
    , m_severity(new QLabel(this))
    , m_status(new QLabel(this))
    , m_title(new ElidedLabel(this))
    , m_elapsed(new QLabel(this))
    , m_commander(new QLabel(this))
    , m_layout(new QHBoxLayout(this))
{
    setObjectName(QStringLiteral("incidentHeader"));
    m_severity->setObjectName(QStringLiteral("severityBadge"));
    m_status->setObjectName(QStringLiteral("statusBadge"));
    m_title->setObjectName(QStringLiteral("incidentTitle"));
    m_elapsed->setObjectName(QStringLiteral("elapsed"));
    m_commander->setObjectName(QStringLiteral("commander"));
    QFont big = m_title->font();
    big.setPointSizeF(big.pointSizeF() * 1.4);
    big.setBold(true);
    m_title->setFont(big);
    // A long title takes two lines at most, elided, the whole of it on hover: the header never widens the
    // window past a laptop screen nor grows taller than two lines of title.
    m_title->setMaxLines(2);
    m_title->setAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    m_title->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Fixed);
    m_title->setMinimumWidth(160);
    m_layout->setContentsMargins(10, 4, 10, 4);
    m_layout->addWidget(m_severity);
    m_layout->addWidget(m_status);
    m_layout->addWidget(m_title, 1);
    m_layout->addWidget(m_elapsed);
    m_layout->addWidget(m_commander);

    connect(&m_file, &IncidentFile::incidentOpened, this, [this] {
        connect(m_file.session(), &IncidentSession::incidentChanged, this, &IncidentHeader::refresh);
        refresh();
    });
    connect(&m_file, &IncidentFile::incidentClosed, this, &IncidentHeader::refresh);
    connect(&m_tick, &QTimer::timeout, this, [this] { m_elapsed->setText(elapsedText()); });
    m_tick.start(1000);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    setFixedHeight(fixedHeight());
    refresh();
}

int IncidentHeader::fixedHeight() const
{
    const QMargins m = m_layout->contentsMargins();
    return m_title->sizeHint().height() + m.top() + m.bottom();
}

void IncidentHeader::addTrailingWidget(QWidget *widget)
{
    // Trailing widgets (the update countdown, the read-only badge) live within the title's two lines.
    widget->setMaximumHeight(m_title->sizeHint().height());
    m_layout->addWidget(widget);
}

QString IncidentHeader::titleText() const
{
    return m_title->text();
}

bool IncidentHeader::titleElided() const
{
    return m_title->isElided();
}

QString IncidentHeader::elapsedText() const
{
    if (!m_file.isOpen() || !m_file.session()->incident().isDeclared())
        return {};
    const Incident &inc = m_file.session()->incident();
    const qint64 end = inc.milestones().has(Milestone::Resolved)
                           ? inc.milestones().at(Milestone::Resolved)->toMSecsSinceEpoch()
                           : m_file.clock().nowMs();
    const QString span = formatDuration((end - inc.startMs()) / 1000);
    return inc.status() == Status::Resolved ? tr("lasted %1").arg(span) : tr("%1 since impact").arg(span);
}

void IncidentHeader::refresh()
{
    if (!m_file.isOpen() || !m_file.session()->incident().isDeclared()) {
        m_severity->setText(tr("NO INCIDENT"));
        m_severity->setStyleSheet(badgeStyle(SeverityPalette::severityColor(-1)));
        m_status->clear();
        m_status->setStyleSheet({});
        m_title->setText(tr("No incident open: declare one (Ctrl+N) or open a file (Ctrl+O)"));
        m_elapsed->clear();
        m_commander->clear();
        return;
    }
    const Incident &inc = m_file.session()->incident();
    const auto level = inc.severities().find(inc.severity());
    const int rank = level ? level->rank : -1;
    m_severity->setText(inc.severity().isEmpty() ? tr("SEVERITY NOT SET") : inc.severity());
    m_severity->setToolTip(level ? level->description : QString());
    m_severity->setStyleSheet(badgeStyle(SeverityPalette::severityColor(rank)));
    m_status->setText(statusName(inc.status()).toUpper());
    m_status->setStyleSheet(badgeStyle(SeverityPalette::statusColor(statusName(inc.status()))));
    QString title = inc.title();
    if (!inc.service().isEmpty())
        title += QStringLiteral("  \u00b7  ") + inc.service();
    if (m_file.journal()->isReadOnly())
        title += tr("  (read-only)");
    m_title->setText(title);
    m_elapsed->setText(elapsedText());
    m_commander->setText(inc.commander().isEmpty() ? tr("IC: unassigned")
                                                   : tr("IC: %1").arg(inc.commander()));
}

} // namespace Sitrep::Ui
