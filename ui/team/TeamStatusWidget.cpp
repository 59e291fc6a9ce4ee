#include "TeamStatusWidget.h"

#include <QHBoxLayout>
#include <QLabel>

using Sitrep::Team::ReplicaStatus;

namespace Sitrep::Ui {

TeamStatusWidget::TeamStatusWidget(QWidget *parent)
    : QFrame(parent)
    , m_label(new QLabel(this))
{
    setObjectName(QStringLiteral("teamStatus"));
    m_label->setObjectName(QStringLiteral("teamStatusText"));
    m_label->setTextFormat(Qt::PlainText);
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 2, 8, 2);
    layout->addWidget(m_label);
    QFrame::hide();
}

QString TeamStatusWidget::describe(const View &v)
{
    QStringList parts{tr("TEAM %1").arg(v.teamId)};
    switch (v.status.state) {
    case ReplicaStatus::State::Stopped:
    case ReplicaStatus::State::Connecting:
        parts << tr("connecting\u2026");
        break;
    case ReplicaStatus::State::Online: {
        parts << tr("\u25cf online");
        QStringList who;
        for (const auto &p : v.peers) {
            if (p.isWall()) {
                who << tr("wall");
                continue;
            }
            const QString role = v.roles.value(p.name);
            who << (role.isEmpty() ? p.name : tr("%1 (%2)").arg(p.name, role));
        }
        who.removeDuplicates();
        parts << (who.isEmpty() ? tr("nobody else connected") : who.join(QStringLiteral(", ")));
        break;
    }
    case ReplicaStatus::State::Offline:
        parts << tr("\u25cb offline");
        break;
    case ReplicaStatus::State::Refused:
        parts << tr("\u2715 not connected");
        break;
    }
    if (v.status.unshared > 0)
        parts << tr("not yet shared: %1").arg(v.status.unshared);
    if (v.status.state != ReplicaStatus::State::Online && v.status.retryInMs > 0)
        parts << tr("retrying in %1 s").arg((v.status.retryInMs + 999) / 1000);
    if (!v.plainTextWarning.isEmpty())
        parts << QStringLiteral("\u26a0 ") + v.plainTextWarning;
    return parts.join(QStringLiteral(" \u00b7 "));
}

QString TeamStatusWidget::details(const View &v)
{
    QStringList lines;
    if (!v.status.message.isEmpty())
        lines << v.status.message;
    for (const auto &p : v.peers)
        lines << tr("%1 \u2014 %2 on %3").arg(p.name, p.kind, p.origin);
    lines << tr("%1 entries shared with the team").arg(v.status.shared);
    return lines.join(QLatin1Char('\n'));
}

void TeamStatusWidget::setView(const View &view)
{
    m_label->setText(describe(view));
    setToolTip(details(view));
    const bool trouble = view.status.state == ReplicaStatus::State::Offline ||
                         view.status.state == ReplicaStatus::State::Refused ||
                         !view.plainTextWarning.isEmpty();
    setStyleSheet(trouble ? QStringLiteral("#teamStatus{background:#ffb300;border-radius:4px;}"
                                           "#teamStatusText{color:#000;font-weight:bold;}")
                          : QStringLiteral("#teamStatus{border:1px solid palette(mid);border-radius:4px;}"));
    QFrame::show();
}

void TeamStatusWidget::clear()
{
    m_label->clear();
    setToolTip({});
    QFrame::hide();
}

QString TeamStatusWidget::text() const
{
    return m_label->text();
}

} // namespace Sitrep::Ui
