#include "WallTile.h"

#include "ElidedLabel.h"

#include <QLabel>
#include <QVBoxLayout>

namespace Sitrep::Ui {

namespace {
const QColor kText(0xf2, 0xf2, 0xf2);
} // namespace

const QColor &WallTile::background()
{
    static const QColor c(0x16, 0x1a, 0x1f);
    return c;
}

WallTile::WallTile(const QString &title, QWidget *parent)
    : QFrame(parent)
    , m_title(new ElidedLabel(title, this))
    , m_list(new WallList(this))
    , m_asOf(new QLabel(this))
    , m_layout(new QVBoxLayout(this))
{
    setObjectName(QStringLiteral("wallTile"));
    setFrameShape(QFrame::StyledPanel);
    setStyleSheet(QStringLiteral("#wallTile{background:%1;border:2px solid #343b44;border-radius:8px;}"
                                 "QLabel{color:#f2f2f2;background:transparent;}")
                      .arg(background().name()));
    m_title->setObjectName(QStringLiteral("tileTitle"));
    QPalette pal = m_list->palette();
    pal.setColor(QPalette::WindowText, kText);
    m_list->setPalette(pal);
    m_asOf->setObjectName(QStringLiteral("tileAsOf"));
    m_asOf->setAlignment(Qt::AlignRight);
    // A long "as of" sentence (a follower's file path) is clipped, never widening the tile.
    m_asOf->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_layout->addWidget(m_title);
    m_layout->addWidget(m_list, 1);
    m_layout->addWidget(m_asOf);
}

QString WallTile::title() const
{
    return m_title->text();
}

QString WallTile::text() const
{
    QStringList lines;
    for (const WallList::Item &item : m_list->items()) {
        for (const WallList::Line &line : item.lines) {
            QString s;
            for (const WallList::Span &span : line)
                s += span.text;
            lines << s;
        }
    }
    return lines.join(QLatin1Char('\n'));
}

void WallTile::setBody(QWidget *body)
{
    m_list->hide();
    m_body = body;
    // The tile decides the body's size: a chart's own minimum (made for a dashboard grid) must not push the
    // wall past the screen.
    body->setMinimumSize(0, 0);
    body->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Ignored);
    m_layout->insertWidget(1, body, 1);
    // A chart says nothing "as of": its empty line would be a band of nothing under the plot.
    m_asOf->setVisible(!m_asOf->text().isEmpty());
}

void WallTile::setItems(const QList<WallList::Item> &items)
{
    m_list->setItems(items);
}

void WallTile::setEmptyLine(const WallList::Line &line)
{
    m_list->setEmptyLine(line);
}

void WallTile::setAsOf(const QString &text, bool stale)
{
    m_asOf->setText(text);
    if (m_body)
        m_asOf->setVisible(!text.isEmpty());
    m_asOf->setToolTip(text);
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
    m_list->setFont(b);
    QFont s = font();
    s.setPixelSize(std::max(10, int(18 * scale)));
    m_asOf->setFont(s);
    const int pad = std::max(6, int(14 * scale));
    m_layout->setContentsMargins(pad, pad, pad, pad);
    m_layout->setSpacing(std::max(4, int(8 * scale)));
}

} // namespace Sitrep::Ui
