#include "LogStreamBar.h"

#include "FlowLayout.h"
#include "logs/LogBuffer.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QLineEdit>
#include <QMenu>
#include <QSpinBox>
#include <QToolButton>
#include <QWidgetAction>

namespace Sitrep::Ui {

using namespace Sitrep::Logs;

LogStreamBar::LogStreamBar(QWidget *parent)
    : QWidget(parent)
{
    // The controls wrap onto a second line in a narrow dock instead of widening the window.
    auto *row = new FlowLayout(this);
    row->setContentsMargins(0, 0, 0, 0);

    m_ns = new QLineEdit(this);
    m_ns->setPlaceholderText(tr("namespace"));
    m_ns->setMaximumWidth(140);
    m_ns->setAccessibleName(tr("Namespace"));
    m_selector = new QLineEdit(this);
    m_selector->setPlaceholderText(tr("pods (pod/a pod/b), label selector (app=api) or deployment/name"));
    m_selector->setAccessibleName(tr("Targets"));
    auto *apply = new QToolButton(this);
    apply->setText(tr("Stream"));
    apply->setToolTip(tr("Apply the targets and options and re-open the streams"));
    connect(apply, &QToolButton::clicked, this, &LogStreamBar::applyRequested);
    connect(m_selector, &QLineEdit::returnPressed, this, &LogStreamBar::applyRequested);

    m_follow = new QCheckBox(tr("&Follow"), this);
    m_follow->setChecked(true);
    m_tail = new QSpinBox(this);
    m_tail->setRange(-1, 1000000);
    m_tail->setValue(-1);
    m_tail->setSpecialValueText(tr("all"));
    m_tail->setPrefix(tr("tail "));
    m_tail->setToolTip(tr("Lines of history per container (tail N)"));

    m_since = new QComboBox(this);
    m_since->setToolTip(tr("Only lines newer than"));
    m_since->setAccessibleName(tr("Since"));
    m_since->addItem(tr("since start"), 0);
    for (const auto &[label, secs] : {std::pair{QStringLiteral("1m"), 60},
                                      {QStringLiteral("5m"), 300},
                                      {QStringLiteral("15m"), 900},
                                      {QStringLiteral("1h"), 3600},
                                      {QStringLiteral("6h"), 21600},
                                      {QStringLiteral("24h"), 86400}})
        m_since->addItem(tr("last %1").arg(label), secs);
    m_since->addItem(tr("since time\u2026"), kSinceTime);
    // UTC like the time column, so that a time read off a line can be typed back unchanged.
    m_sinceTime = new QDateTimeEdit(this);
    m_sinceTime->setTimeSpec(Qt::UTC);
    m_sinceTime->setDisplayFormat(QStringLiteral("yyyy-MM-dd HH:mm:ss 'UTC'"));
    m_sinceTime->setCalendarPopup(true);
    m_sinceTime->setAccessibleName(tr("Since time (UTC)"));
    m_sinceTime->setToolTip(tr("Only lines written at or after this time (UTC)"));
    m_sinceTime->setVisible(false);
    connect(m_since, &QComboBox::currentIndexChanged, this, [this] {
        const bool absolute = m_since->currentData().toInt() == kSinceTime;
        if (absolute && m_sinceTime->isHidden()) {
            // Start from the last full hour: near what one wants during an incident, easy to adjust.
            const QDateTime now = QDateTime::currentDateTimeUtc();
            m_sinceTime->setDateTime(now.addSecs(-(now.time().minute() * 60 + now.time().second())));
        }
        m_sinceTime->setVisible(absolute);
    });

    m_previous = new QCheckBox(tr("Pre&vious"), this);
    m_previous->setToolTip(tr("Show the previous (crashed) instance of each container"));

    m_container = new QComboBox(this);
    m_container->setAccessibleName(tr("Container"));
    m_container->setToolTip(tr("Stream every container of the pods, or only this one"));
    m_container->addItem(tr("all containers"), QString());
    connect(m_container, &QComboBox::activated, this,
            [this] { emit containerChanged(m_container->currentData().toString()); });
    m_init = new QCheckBox(tr("&Init containers"), this);
    m_init->setToolTip(tr("Also stream the pods' init containers"));
    connect(m_init, &QCheckBox::toggled, this, &LogStreamBar::includeInitChanged);

    // Rarely changed, so it sits in a menu rather than taking room in the row.
    m_options = new QToolButton(this);
    m_options->setText(tr("Buffer"));
    m_options->setToolTip(tr("How many lines the pane keeps before the oldest are dropped"));
    m_options->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(m_options);
    m_buffer = new QSpinBox(menu);
    m_buffer->setRange(1000, 50000000);
    m_buffer->setSingleStep(100000);
    m_buffer->setGroupSeparatorShown(true);
    m_buffer->setSuffix(tr(" lines"));
    m_buffer->setAccessibleName(tr("Buffer size in lines"));
    m_buffer->setValue(int(LogBuffer::kDefaultCapacity));
    m_buffer->setKeyboardTracking(false);
    connect(m_buffer, &QSpinBox::valueChanged, this, &LogStreamBar::bufferLinesChanged);
    auto *holder = new QWidgetAction(menu);
    holder->setDefaultWidget(m_buffer);
    menu->addAction(holder);
    m_options->setMenu(menu);

    for (QWidget *w :
         std::initializer_list<QWidget *>{m_ns, m_selector, apply, m_follow, m_tail, m_since, m_sinceTime,
                                          m_previous, m_container, m_init, m_options})
        row->addWidget(w);
}

void LogStreamBar::addTrailingWidget(QWidget *widget)
{
    layout()->addWidget(widget);
}

QString LogStreamBar::ns() const
{
    return m_ns->text().trimmed();
}

QString LogStreamBar::selector() const
{
    return m_selector->text().trimmed();
}

void LogStreamBar::setTargetSelection(const QString &ns, const QString &selector)
{
    m_ns->setText(ns);
    m_selector->setText(selector);
}

StreamOptions LogStreamBar::streamOptions(StreamOptions o) const
{
    o.follow = m_follow->isChecked();
    o.previous = m_previous->isChecked();
    o.tailLines = m_tail->value() >= 0 ? std::optional<int>(m_tail->value()) : std::nullopt;
    o.sinceSeconds.reset();
    o.sinceTimeNs.reset();
    const int since = m_since->currentData().toInt();
    if (since == kSinceTime)
        o.sinceTimeNs = m_sinceTime->dateTime().toMSecsSinceEpoch() * 1000000LL;
    else if (since > 0)
        o.sinceSeconds = since;
    return o;
}

void LogStreamBar::setSinceTime(const QDateTime &utc)
{
    m_since->setCurrentIndex(m_since->findData(kSinceTime));
    m_sinceTime->setDateTime(utc.toUTC());
}

QString LogStreamBar::container() const
{
    return m_container->currentData().toString();
}

bool LogStreamBar::includeInit() const
{
    return m_init->isChecked();
}

void LogStreamBar::setContainerNames(const QStringList &names)
{
    const QString current = container();
    QStringList all = names;
    if (!current.isEmpty() && !all.contains(current))
        all.append(current);
    QStringList shown;
    for (int i = 1; i < m_container->count(); ++i)
        shown.append(m_container->itemData(i).toString());
    if (shown == all)
        return;
    // Rebuilt without signals: a new pod's containers must not look like a choice of the user.
    const QSignalBlocker block(m_container);
    while (m_container->count() > 1)
        m_container->removeItem(1);
    for (const QString &n : std::as_const(all))
        m_container->addItem(n, n);
    m_container->setCurrentIndex(qMax(0, m_container->findData(current)));
}

int LogStreamBar::bufferLines() const
{
    return m_buffer->value();
}

void LogStreamBar::setBufferLines(int lines)
{
    const QSignalBlocker block(m_buffer);
    m_buffer->setValue(lines);
}

} // namespace Sitrep::Ui
