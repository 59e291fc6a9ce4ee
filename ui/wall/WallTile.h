#pragma once

#include <QFrame>

class QLabel;
class QVBoxLayout;

namespace Sitrep::Ui {

// One large tile of the wall display: a title, a body and a "data as of" line.
class WallTile final : public QFrame
{
    Q_OBJECT
public:
    WallTile(const QString &title, QWidget *parent = nullptr);

    void setBody(QWidget *body);
    void setText(const QString &html);
    void setAsOf(const QString &text, bool stale);
    void setScale(double scale);
    QLabel *textLabel() const { return m_text; }
    QString title() const;

private:
    QLabel *m_title;
    QLabel *m_text;
    QLabel *m_asOf;
    QVBoxLayout *m_layout;
    QWidget *m_body = nullptr;
};

} // namespace Sitrep::Ui
