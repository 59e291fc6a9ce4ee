#pragma once

#include "prom/Dashboard.h"
#include "prom/PanelProcessor.h"

#include <QWidget>

namespace Sitrep::Ui {

// A Grafana stat panel: one tile per value (the author's reduction of each series), coloured by thresholds
// or mappings on the text or the background, the name shown as textMode says, a sparkline under the value
// when graphMode is "area", and, for Sitrep's SLO stats, the time to budget exhaustion in words.
class StatPanel final : public QWidget
{
    Q_OBJECT
public:
    explicit StatPanel(const Sitrep::Prom::Panel &panel, QWidget *parent = nullptr);

    void setValues(const QList<Sitrep::Prom::ReducedValue> &values);
    const QList<Sitrep::Prom::ReducedValue> &values() const { return m_values; }
    // The first value as shown ("No data" without one).
    QString text() const;
    QString sloText() const { return m_slo; }
    void setDark(bool dark)
    {
        m_dark = dark;
        update();
    }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    void paintTile(QPainter &p, const QRectF &r, const Sitrep::Prom::ReducedValue &v, bool showName);

    Sitrep::Prom::Panel m_panel;
    QList<Sitrep::Prom::ReducedValue> m_values;
    QString m_slo;
    bool m_dark = false;
};

} // namespace Sitrep::Ui
