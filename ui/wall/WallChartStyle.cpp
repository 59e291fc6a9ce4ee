#include "WallChartStyle.h"

#include "ElidedNameDelegate.h"
#include "WallTile.h"

#include <QAbstractAxis>
#include <QAbstractItemView>
#include <QChart>
#include <QChartView>
#include <QCoreApplication>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QGraphicsLayout>
#include <QLegend>
#include <QListView>
#include <QResizeEvent>

namespace Sitrep::Ui {

namespace {
const QColor kLabel(0xd8, 0xdc, 0xe0);
const QColor kGrid(0x34, 0x3b, 0x44);
constexpr int kGap = 12; // pixels between two time labels at least

QString timeFormat(const QDateTimeAxis *axis)
{
    const qint64 span = axis->min().msecsTo(axis->max());
    return span > 2 * 86400000LL ? QStringLiteral("dd.MM HH:mm")
           : span > 600000LL     ? QStringLiteral("HH:mm")
                                 : QStringLiteral("HH:mm:ss");
}

int labelWidth(const QDateTimeAxis *axis)
{
    return QFontMetrics(axis->labelsFont()).horizontalAdvance(axis->max().toString(axis->format()));
}

// Axis and legend text: 15 px on a 1080p wall, never under 14 px (what reads from five metres on a laptop's
// screen), larger on a larger wall.
int textPixels(double scale)
{
    return std::max(14, int(15 * scale));
}

// A legend entry on the wall is at most a third of the legend wide, its name shortened where names differ
// least (api-gateway-…-487m9): three pods' names share one line instead of a scrolling box.
class LegendEntryDelegate final : public QStyledItemDelegate
{
public:
    explicit LegendEntryDelegate(QAbstractItemView *view)
        : QStyledItemDelegate(view)
        , m_view(view)
        , m_names(new ElidedNameDelegate(this))
    {}
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        m_names->paint(painter, option, index);
    }
    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        QSize size = QStyledItemDelegate::sizeHint(option, index);
        size.setWidth(std::min(size.width(), std::max(60, m_view->viewport()->width() / 3 - 8)));
        return size;
    }

private:
    QAbstractItemView *m_view;
    ElidedNameDelegate *m_names;
};

double plotWidth(const QChart *chart, const QWidget *view)
{
    const double w = chart->plotArea().width();
    return w > 10 ? w : view->width() * 0.8;
}
} // namespace

void WallChartStyle::apply(QWidget *chartWidget, double scale)
{
    if (!chartWidget)
        return;
    const QColor bg = WallTile::background();
    QPalette pal = chartWidget->palette();
    for (auto role : {QPalette::Window, QPalette::Base, QPalette::Button})
        pal.setColor(role, bg);
    for (auto role : {QPalette::WindowText, QPalette::Text, QPalette::ButtonText})
        pal.setColor(role, kLabel);
    chartWidget->setPalette(pal);
    chartWidget->setAutoFillBackground(true);
    // Text of the chart widget's own (legend lists, stat values are sized from it) grows with the wall.
    QFont widgetFont = chartWidget->font();
    widgetFont.setPixelSize(textPixels(scale));
    bool refit = false;
    if (chartWidget->font() != widgetFont) {
        chartWidget->setFont(widgetFont);
        refit = true;
    }
    // Views inside (a legend list) are told too: under the tile's style sheet they keep their own font.
    // and its colours: a legend list made under a light theme keeps the palette it was given, a white box.
    for (QAbstractItemView *view : chartWidget->findChildren<QAbstractItemView *>()) {
        if (view->font() != widgetFont) {
            view->setFont(widgetFont);
            refit = true;
        }
        if (view->palette() != pal)
            view->setPalette(pal);
        if (qobject_cast<QListView *>(view) && !dynamic_cast<LegendEntryDelegate *>(view->itemDelegate())) {
            view->setItemDelegate(new LegendEntryDelegate(view));
            refit = true;
        }
        // A panel sizes its legend for its font when it is resized: with the wall's font, it sizes it again.
        if (refit && view->parentWidget()) {
            QResizeEvent resize(view->parentWidget()->size(), view->parentWidget()->size());
            QCoreApplication::sendEvent(view->parentWidget(), &resize);
        }
    }

    QList<QChartView *> views = chartWidget->findChildren<QChartView *>();
    if (auto *self = qobject_cast<QChartView *>(chartWidget))
        views.prepend(self);
    QFont font = chartWidget->font();
    font.setPixelSize(textPixels(scale));
    for (QChartView *view : views) {
        view->setFrameShape(QFrame::NoFrame);
        view->setBackgroundBrush(bg);
        QChart *chart = view->chart();
        if (!chart)
            continue;
        chart->setBackgroundBrush(bg);
        chart->setBackgroundPen(Qt::NoPen);
        chart->setBackgroundRoundness(0);
        // The tile is the frame: the chart's own margins would take a third of a laptop wall's plot.
        if (chart->margins() != QMargins(2, 4, 4, 2))
            chart->setMargins(QMargins(2, 4, 4, 2));
        if (chart->layout() && chart->layout()->contentsRect() != chart->rect())
            chart->layout()->setContentsMargins(0, 0, 0, 0);
        chart->setPlotAreaBackgroundVisible(false);
        chart->setTitleBrush(kLabel);
        if (chart->titleFont() != font)
            chart->setTitleFont(font);
        if (chart->legend()->font() != font)
            chart->legend()->setFont(font);
        chart->legend()->setLabelColor(kLabel);
        for (QAbstractAxis *axis : chart->axes()) {
            if (axis->labelsFont() != font)
                axis->setLabelsFont(font);
            if (axis->labelsColor() != kLabel)
                axis->setLabelsColor(kLabel);
            if (axis->gridLineColor() != kGrid)
                axis->setGridLineColor(kGrid);
            if (axis->linePenColor() != kGrid)
                axis->setLinePenColor(kGrid);
            auto *time = qobject_cast<QDateTimeAxis *>(axis);
            if (!time || !(axis->alignment() & (Qt::AlignBottom | Qt::AlignTop)))
                continue;
            // Short labels, and only as many as fit side by side with a gap.
            if (time->format() != timeFormat(time))
                time->setFormat(timeFormat(time));
            const int per = labelWidth(time) + kGap;
            const int ticks = std::clamp(int(plotWidth(chart, view) / per) + 1, 2, 6);
            if (time->tickCount() != ticks)
                time->setTickCount(ticks);
        }
    }
}

bool WallChartStyle::timeLabelsFit(const QChart *chart)
{
    for (QAbstractAxis *axis : chart->axes()) {
        const auto *time = qobject_cast<const QDateTimeAxis *>(axis);
        if (!time || !time->isVisible() || !(axis->alignment() & (Qt::AlignBottom | Qt::AlignTop)))
            continue;
        const double spacing = chart->plotArea().width() / std::max(1, time->tickCount() - 1);
        if (labelWidth(time) > spacing)
            return false;
    }
    return true;
}

} // namespace Sitrep::Ui
