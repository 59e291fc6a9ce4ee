#pragma once

#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace Sitrep::Ui {

class SilencesModel;

// The active silences under the alerts: what is muted (matchers), who muted it and why, until when; "Expire"
// (or Delete) on the selected one asks for it to end early. The view only asks: AlertsPane confirms, sends
// and records it in the timeline.
class SilencesView final : public QWidget
{
    Q_OBJECT
public:
    explicit SilencesView(SilencesModel *model, QWidget *parent = nullptr);

    QTableView *view() const { return m_view; }
    QPushButton *expireButton() const { return m_expire; }
    // The id of the selected silence, empty when none is.
    QString selectedId() const;
    bool selectId(const QString &id);

signals:
    void expireRequested(const QString &silenceId);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void requestExpire();
    void updateState();

    SilencesModel *m_model;
    QTableView *m_view;
    QPushButton *m_expire;
    QLabel *m_title;
};

} // namespace Sitrep::Ui
