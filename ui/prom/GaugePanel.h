#pragma once

#include "prom/Dashboard.h"
#include "prom/PanelProcessor.h"

#include <QWidget>

namespace Sitrep::Ui {

// Grafana's gauge and bar gauge panels, drawn as gauges: an arc from min to max filled to the value in its
// threshold colour, with the thresholds as a ring of colour bands (gauge); or bars per value in basic, LCD
// (lit cells coloured by the threshold they reach) or gradient style (bar gauge), horizontal or vertical.
class GaugePanel final : public QWidget
{
    Q_OBJECT
public:
    explicit GaugePanel(const Sitrep::Prom::Panel &panel, QWidget *parent = nullptr);

    void setValues(const QList<Sitrep::Prom::ReducedValue> &values);
    const QList<Sitrep::Prom::ReducedValue> &values() const { return m_values; }
    QString text() const;

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void paintGauge(QPainter &p, const QRectF &r, const Sitrep::Prom::ReducedValue &v, bool showName);
    void paintBar(QPainter &p, const QRectF &r, const Sitrep::Prom::ReducedValue &v, bool vertical);
    QColor colorAt(const Sitrep::Prom::ReducedValue &v, double value) const;

    Sitrep::Prom::Panel m_panel;
    QList<Sitrep::Prom::ReducedValue> m_values;
};

} // namespace Sitrep::Ui
