#pragma once

#include "WallList.h"

#include <QFrame>

class QLabel;
class QVBoxLayout;

namespace Sitrep::Ui {

class ElidedLabel;

// One large tile of the wall display: a title, a body (a list of lines that never runs out of the tile, or a
// chart) and a "data as of" line.
class WallTile final : public QFrame
{
    Q_OBJECT
public:
    WallTile(const QString &title, QWidget *parent = nullptr);

    void setBody(QWidget *body);
    QWidget *body() const { return m_body; }
    void setItems(const QList<WallList::Item> &items);
    void setEmptyLine(const WallList::Line &line);
    void setAsOf(const QString &text, bool stale);
    void setScale(double scale);
    WallList *list() const { return m_list; }
    // Every item's text in full, one line each (what the tile says, before eliding).
    QString text() const;
    QString title() const;
    ElidedLabel *titleLabel() const { return m_title; }
    QLabel *asOfLabel() const { return m_asOf; }

    static const QColor &background();

private:
    ElidedLabel *m_title;
    WallList *m_list;
    QLabel *m_asOf;
    QVBoxLayout *m_layout;
    QWidget *m_body = nullptr;
};

} // namespace Sitrep::Ui
