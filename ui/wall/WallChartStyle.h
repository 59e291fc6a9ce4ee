#pragma once

class QChart;
class QWidget;

namespace Sitrep::Ui {

// The wall's look for chart tiles, applied to whatever Qt Charts views a chart widget holds: the tile's dark
// background instead of the desktop's (no light frame around the plot), light labels sized for five metres,
// and as many time labels as fit side by side, so they never print over each other.
class WallChartStyle final
{
public:
    static void apply(QWidget *chartWidget, double scale);
    // True when the labels of every horizontal time axis fit between their ticks.
    static bool timeLabelsFit(const QChart *chart);
};

} // namespace Sitrep::Ui
