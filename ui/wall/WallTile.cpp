#include "WallTile.h"

#include <QLabel>
#include <QVBoxLayout>

namespace Sitrep::Ui {

WallTile::WallTile(const QString &title, QWidget *parent)
    : QFrame(parent)
    , m_title(new QLabel(title, this))
    , m_text(new QLabel(this))
    , m_asOf(new QLabel(this))
    , m_layout(new QVBoxLayout(this))
{
    setObjectName(QStringLiteral("wallTile"));
    setFrameShape(QFrame::StyledPanel);
    setStyleSheet(QStringLiteral("#wallTile{background:#161a1f;border:2px solid #343b44;border-radius:8px;}"
                                 "QLabel{color:#f2f2f2;background:transparent;}"));
    m_title->setObjectName(QStringLiteral("tileTitle"));
    m_text->setObjectName(QStringLiteral("tileText"));
    m_text->setTextFormat(Qt::RichText);
    m_text->setWordWrap(true);
    m_text->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    // Long text is cut at the tile's edge; it never grows the tile (or the wall) past the screen.
    m_text->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Ignored);
    m_text->setMinimumHeight(0);
    m_asOf->setObjectName(QStringLiteral("tileAsOf"));
    m_asOf->setAlignment(Qt::AlignRight);
    m_layout->addWidget(m_title);
    m_layout->addWidget(m_text, 1);
    m_layout->addWidget(m_asOf);
}

QString WallTile::title() const
{
    return m_title->text();
}

void WallTile::setBody(QWidget *body)
{
    m_text->hide();
    m_body = body;
    m_layout->insertWidget(1, body, 1);
}

void WallTile::setText(const QString &html)
{
    m_text->setText(html);
}

void WallTile::setAsOf(const QString &text, bool stale)
{
    m_asOf->setText(text);
    m_asOf->setStyleSheet(stale ? QStringLiteral("color:#ffb300;font-weight:bold;")
                                : QStringLiteral("color:#9aa4ae;"));
}

void WallTile::setScale(double scale)
{
    QFont t = font();
    t.setPixelSize(std::max(12, int(32 * scale)));
    t.setBold(true);
    m_title->setFont(t);
    QFont b = font();
    b.setPixelSize(std::max(11, int(30 * scale)));
    m_text->setFont(b);
    QFont s = font();
    s.setPixelSize(std::max(10, int(18 * scale)));
    m_asOf->setFont(s);
    const int pad = std::max(6, int(14 * scale));
    m_layout->setContentsMargins(pad, pad, pad, pad);
}

} // namespace Sitrep::Ui
