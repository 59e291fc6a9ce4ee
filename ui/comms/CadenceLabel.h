#pragma once

#include <QLabel>
#include <QPointer>

namespace Sitrep::Comms {
class Cadence;
}

namespace Sitrep::Ui {

// The update countdown for the header and the wall display: "next update due in 3:12", and when late
// "update overdue by 1:05" in red — the words carry the state, the colour only repeats it.
class CadenceLabel final : public QLabel
{
    Q_OBJECT
    Q_PROPERTY(bool overdue READ isOverdue NOTIFY overdueChanged)
public:
    explicit CadenceLabel(QWidget *parent = nullptr);

    // nullptr when no incident is open. The Cadence keeps its own timer; the label follows its signal.
    void setCadence(Sitrep::Comms::Cadence *cadence);
    bool isOverdue() const { return m_overdue; }
    // Wall display: scales the font by factor (1.0 = normal).
    void setScale(double factor);

signals:
    void overdueChanged(bool overdue);

private:
    void refresh();
    QPointer<Sitrep::Comms::Cadence> m_cadence;
    QList<QMetaObject::Connection> m_connections;
    bool m_overdue = false;
};

} // namespace Sitrep::Ui
