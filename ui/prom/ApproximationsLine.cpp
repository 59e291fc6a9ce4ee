#include "ApproximationsLine.h"

#include <QLabel>
#include <QToolButton>
#include <QVBoxLayout>

namespace Sitrep::Ui {

ApproximationsLine::ApproximationsLine(QWidget *parent)
    : QWidget(parent)
    , m_button(new QToolButton(this))
    , m_list(new QLabel(this))
{
    setObjectName(QStringLiteral("approximations"));
    m_button->setObjectName(QStringLiteral("approximationsToggle"));
    m_button->setAutoRaise(true);
    m_button->setCheckable(true);
    m_button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    m_button->setToolTip(tr("What Sitrep draws differently from Grafana for this dashboard"));
    m_list->setObjectName(QStringLiteral("importNotes"));
    m_list->setWordWrap(true);
    m_list->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_list->setStyleSheet(QStringLiteral("QLabel { background: #fff8e1; color: #5d4037; padding: 4px; }"));
    m_list->hide();
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_button, 0, Qt::AlignLeft);
    layout->addWidget(m_list);
    connect(m_button, &QToolButton::toggled, this, &ApproximationsLine::setExpanded);
    hide();
}

void ApproximationsLine::setNotes(const QStringList &notes)
{
    m_notes = notes;
    m_list->setText(QStringLiteral("• ") + notes.join(QStringLiteral("\n• ")));
    setVisible(!notes.isEmpty());
    setExpanded(false);
}

bool ApproximationsLine::isExpanded() const
{
    return !m_list->isHidden();
}

void ApproximationsLine::setExpanded(bool expanded)
{
    m_list->setVisible(expanded && !m_notes.isEmpty());
    if (m_button->isChecked() != expanded)
        m_button->setChecked(expanded);
    m_button->setText(buttonText());
}

QString ApproximationsLine::buttonText() const
{
    const int n = int(m_notes.size());
    return QStringLiteral("%1 approximation%2 %3")
        .arg(n)
        .arg(n == 1 ? QString() : QStringLiteral("s"))
        .arg(isExpanded() ? QStringLiteral("\u25be") : QStringLiteral("\u25b8"));
}

} // namespace Sitrep::Ui
