#pragma once

#include <QByteArrayView>
#include <QList>
#include <QMetaType>
#include <QString>

namespace Sitrep::Logs {

// One run of a log line with the same SGR attributes. Colours are 0xRRGGBB with the top byte set
// (0 = the view's default), so the logs module needs no QtGui.
struct AnsiSpan
{
    int start = 0; // in the decoded text, QChar units
    int length = 0;
    quint32 fg = 0;
    quint32 bg = 0;
    bool bold = false;

    bool operator==(const AnsiSpan &o) const = default;
};

// Reads the colours that programs write into their logs (SGR "ESC[...m": 16 colours, bright, 256-colour
// and true colour, bold, reset) so the logs pane can render them; other escape sequences are dropped,
// like LineAnalyzer::stripAnsi, so the text is the same one search and filter see.
class AnsiText final
{
public:
    static QList<AnsiSpan> parse(QByteArrayView raw, QString *text);
    // The index of the last byte of the escape sequence that starts with the ESC at `at` (CSI up to its
    // final byte, OSC up to BEL or ESC \, else two bytes); t.size() or more when it is cut off.
    static qsizetype sequenceEnd(QByteArrayView t, qsizetype at);
    // The xterm colour of index 0-255, as 0xFFRRGGBB.
    static quint32 xtermColor(int index);
};

} // namespace Sitrep::Logs

Q_DECLARE_METATYPE(QList<Sitrep::Logs::AnsiSpan>)
