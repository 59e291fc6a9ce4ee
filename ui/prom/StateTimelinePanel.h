#pragma once

#include "prom/Dashboard.h"
#include "prom/PanelProcessor.h"

#include <QWidget>

namespace Sitrep::Ui {

// Grafana's state timeline (and status history): a row per series, each run of one state drawn as a coloured
// band from when it began to when the next began, with the state's text when it fits.
class StateTimelinePanel final : public QWidget
{
    Q_OBJECT
public:
    explicit StateTimelinePanel(const Sitrep::Prom::Panel &panel, QWidget *parent = nullptr);

    void setRows(const QList<Sitrep::Prom::StateRow> &rows, qint64 startMs, qint64 endMs);
    const QList<Sitrep::Prom::StateRow> &rows() const { return m_rows; }

protected:
    void paintEvent(QPaintEvent *event) override;

private:
    Sitrep::Prom::Panel m_panel;
    QList<Sitrep::Prom::StateRow> m_rows;
    qint64 m_startMs = 0;
    qint64 m_endMs = 0;
};

} // namespace Sitrep::Ui
