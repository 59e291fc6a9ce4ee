#include "PanelView.h"

#include "ElidedLabel.h"

#include "ChartView.h"
#include "GaugePanel.h"
#include "StatPanel.h"
#include "StateTimelinePanel.h"
#include "TablePanel.h"
#include "TimeSeriesPanel.h"

#include <QBuffer>
#include <QChart>
#include <QDesktopServices>
#include <QJsonArray>
#include <QLabel>
#include <QMenu>
#include <QStyle>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

#include <algorithm>

namespace Sitrep::Ui {

using namespace Sitrep::Prom;

PanelView::PanelView(const Panel &panel, QWidget *parent)
    : QWidget(parent)
    , m_panel(panel)
{
    setObjectName(QStringLiteral("panel"));
    setAttribute(Qt::WA_StyledBackground);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(2);
    auto *header = new QHBoxLayout;
    auto *title = new ElidedLabel(panel.title, this); // "…" rather than cut by the buttons beside it
    title->setMaxLines(1);
    m_title = title;
    QFont tf = m_title->font();
    tf.setBold(true);
    m_title->setFont(tf);
    m_title->setToolTip(panel.description);
    m_title->setSizePolicy(QSizePolicy::Ignored,
                           QSizePolicy::Preferred); // a long title never widens the grid
    header->addWidget(m_title, 1);
    m_warning = new QLabel(this);
    m_warning->setText(QStringLiteral("\u26a0"));
    m_warning->hide();
    header->addWidget(m_warning);
    m_links = new QToolButton(this);
    m_links->setText(QStringLiteral("\U0001F517"));
    m_links->setToolTip(tr("Links of this panel"));
    m_links->setAutoRaise(true);
    m_links->setPopupMode(QToolButton::InstantPopup);
    m_links->hide();
    header->addWidget(m_links);
    m_snapshot = new QToolButton(this);
    m_snapshot->setObjectName(QStringLiteral("snapshot"));
    // An icon, not a word: a narrow stat keeps room for its title.
    m_snapshot->setIcon(style()->standardIcon(QStyle::SP_DialogSaveButton));
    m_snapshot->setIconSize(QSize(14, 14));
    m_snapshot->setToolTip(
        QStringLiteral("Snapshot to timeline: this panel as a picture, with its PromQL and time range"));
    m_snapshot->setAutoRaise(true);
    connect(m_snapshot, &QToolButton::clicked, this, &PanelView::snapshotRequested);
    header->addWidget(m_snapshot);
    layout->addLayout(header);
    m_error = new QLabel(this);
    m_error->setWordWrap(true);
    m_error->setObjectName(QStringLiteral("panelError"));
    m_error->setStyleSheet(QStringLiteral("QLabel { color: #c62828; }"));
    m_error->hide();
    layout->addWidget(m_error);

    switch (panel.type) {
    case PanelType::TimeSeries:
        m_series = new TimeSeriesPanel(panel, this);
        connect(m_series->view(), &ChartView::hoverTimeChanged, this, &PanelView::hoverTimeChanged);
        connect(m_series->view(), &ChartView::zoomRequested, this, &PanelView::zoomRequested);
        connect(m_series->view(), &ChartView::zoomResetRequested, this, &PanelView::zoomResetRequested);
        layout->addWidget(m_series, 1);
        break;
    case PanelType::Stat:
        m_stat = new StatPanel(panel, this);
        layout->addWidget(m_stat, 1);
        break;
    case PanelType::Gauge:
    case PanelType::BarGauge:
        m_gauge = new GaugePanel(panel, this);
        layout->addWidget(m_gauge, 1);
        break;
    case PanelType::Table:
        m_table = new TablePanel(panel, this);
        layout->addWidget(m_table, 1);
        break;
    case PanelType::StateTimeline:
        m_state = new StateTimelinePanel(panel, this);
        layout->addWidget(m_state, 1);
        break;
    case PanelType::Text: {
        m_text = new QLabel(this);
        m_text->setWordWrap(true);
        m_text->setAlignment(Qt::AlignTop | Qt::AlignLeft);
        m_text->setOpenExternalLinks(true);
        m_text->setTextFormat(panel.options.value(QStringLiteral("mode")).toString() == QLatin1String("html")
                                  ? Qt::RichText
                                  : Qt::MarkdownText);
        m_text->setText(panel.options.value(QStringLiteral("content")).toString());
        layout->addWidget(m_text, 1);
        m_snapshot->hide();
        break;
    }
    }
    buildLinks();
    setMinimumHeight(std::max(panel.type == PanelType::Stat || panel.type == PanelType::Gauge ? 70 : 120,
                              panel.grid.h * 28));
}

void PanelView::buildLinks()
{
    const QJsonArray links = m_panel.options.value(QStringLiteral("links")).toArray();
    if (links.isEmpty())
        return;
    auto *menu = new QMenu(m_links);
    for (const QJsonValue &lv : links) {
        const QJsonObject l = lv.toObject();
        const QString title =
            l.value(QStringLiteral("title")).toString(l.value(QStringLiteral("url")).toString());
        QAction *a = menu->addAction(title);
        const QString url = l.value(QStringLiteral("url")).toString();
        connect(a, &QAction::triggered, this, [this, url] {
            TemplateContext ctx;
            ctx.values = m_variables;
            QDesktopServices::openUrl(QUrl::fromUserInput(QueryTemplate::expand(url, ctx)));
        });
    }
    m_links->setMenu(menu);
    m_links->show();
}

void PanelView::setVariables(const QMap<QString, VariableValue> &values)
{
    m_variables = values;
    if (m_text) {
        TemplateContext ctx;
        ctx.values = values;
        m_text->setText(
            QueryTemplate::expand(m_panel.options.value(QStringLiteral("content")).toString(), ctx));
    }
}

int PanelView::plotWidth() const
{
    if (m_series)
        return m_series->plotWidth();
    return std::max(100, width() - 20);
}

void PanelView::setError(const QString &sentence)
{
    m_error->setText(sentence);
    m_error->setVisible(!sentence.isEmpty());
}

void PanelView::setWarnings(const QStringList &warnings)
{
    m_warning->setVisible(!warnings.isEmpty());
    m_warning->setToolTip(QStringLiteral("Prometheus warned:\n") + warnings.join(QLatin1Char('\n')));
}

QString PanelView::errorText() const
{
    return m_error->isHidden() ? QString() : m_error->text();
}

QString PanelView::statText() const
{
    if (m_stat)
        return m_stat->text();
    if (m_gauge)
        return m_gauge->text();
    return {};
}

QString PanelView::sloText() const
{
    return m_stat ? m_stat->sloText() : QString();
}

int PanelView::seriesCount() const
{
    if (m_series)
        return m_series->seriesCount();
    if (m_stat)
        return int(m_stat->values().size());
    if (m_gauge)
        return int(m_gauge->values().size());
    if (m_table)
        return m_table->rowCount();
    if (m_state)
        return int(m_state->rows().size());
    return 0;
}

int PanelView::visibleSeriesCount() const
{
    return m_series ? m_series->visibleSeriesCount() : seriesCount();
}

ChartView *PanelView::chartView() const
{
    return m_series ? m_series->view() : nullptr;
}

QChart *PanelView::chart() const
{
    return m_series ? m_series->chart() : nullptr;
}

void PanelView::toggleSeries(int i)
{
    if (m_series)
        m_series->toggleSeries(i);
}

void PanelView::setAnnotations(const QList<Core::TimelineEvent> &events)
{
    if (m_series)
        m_series->view()->setAnnotations(events);
}

void PanelView::setCrosshair(qint64 ms)
{
    if (m_series)
        m_series->view()->setCrosshair(ms);
}

void PanelView::showSameAs(const PanelView &other)
{
    m_variables = other.m_variables;
    if (!other.m_results.isEmpty() || !other.m_frames.isEmpty())
        setResults(other.m_results, other.m_startMs, other.m_endMs);
    setError(other.errorText());
}

void PanelView::setHeaderVisible(bool visible)
{
    m_title->setVisible(visible);
    m_snapshot->setVisible(visible && !m_text);
}

void PanelView::setDark(bool dark)
{
    if (m_series)
        m_series->setDark(dark);
    if (m_stat)
        m_stat->setDark(dark);
}

void PanelView::setResults(const QList<QueryResult> &results, qint64 startMs, qint64 endMs)
{
    m_results = results;
    m_startMs = startMs;
    m_endMs = endMs;
    m_frames = PanelProcessor::frames(m_panel, results);
    draw();
}

void PanelView::draw()
{
    if (m_series)
        m_series->setSeries(PanelProcessor::timeSeries(m_panel, m_frames), m_startMs, m_endMs);
    else if (m_stat)
        m_stat->setValues(PanelProcessor::reducedValues(m_panel, m_frames));
    else if (m_gauge)
        m_gauge->setValues(PanelProcessor::reducedValues(m_panel, m_frames));
    else if (m_table)
        m_table->setTables(PanelProcessor::tables(m_panel, m_frames));
    else if (m_state)
        m_state->setRows(PanelProcessor::stateTimeline(m_panel, m_frames, m_endMs), m_startMs, m_endMs);
}

QByteArray PanelView::snapshotPng()
{
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    grab().save(&buffer, "PNG");
    return png;
}

} // namespace Sitrep::Ui
