#include "logs/AnsiText.h"

namespace Sitrep::Logs {

namespace {

constexpr quint32 kSet = 0xff000000u;

// The 16 basic colours as xterm draws them.
constexpr quint32 kBasic[16] = {0x000000, 0xcd0000, 0x00cd00, 0xcdcd00, 0x0000ee, 0xcd00cd,
                                0x00cdcd, 0xe5e5e5, 0x7f7f7f, 0xff0000, 0x00ff00, 0xffff00,
                                0x5c5cff, 0xff00ff, 0x00ffff, 0xffffff};

struct State
{
    quint32 fg = 0;
    quint32 bg = 0;
    bool bold = false;
};

// Applies one SGR parameter list ("1;31", "38;5;208", "" = reset).
void applySgr(const QList<int> &params, State &s)
{
    if (params.isEmpty()) {
        s = {};
        return;
    }
    for (qsizetype i = 0; i < params.size(); ++i) {
        const int p = params[i];
        if (p == 0)
            s = {};
        else if (p == 1)
            s.bold = true;
        else if (p == 22)
            s.bold = false;
        else if (p >= 30 && p <= 37)
            s.fg = AnsiText::xtermColor(p - 30);
        else if (p >= 90 && p <= 97)
            s.fg = AnsiText::xtermColor(p - 90 + 8);
        else if (p == 39)
            s.fg = 0;
        else if (p >= 40 && p <= 47)
            s.bg = AnsiText::xtermColor(p - 40);
        else if (p >= 100 && p <= 107)
            s.bg = AnsiText::xtermColor(p - 100 + 8);
        else if (p == 49)
            s.bg = 0;
        else if ((p == 38 || p == 48) && i + 1 < params.size()) {
            quint32 c = 0;
            if (params[i + 1] == 5 && i + 2 < params.size()) {
                c = AnsiText::xtermColor(params[i + 2]);
                i += 2;
            } else if (params[i + 1] == 2 && i + 4 < params.size()) {
                c = kSet | (quint32(params[i + 2] & 0xff) << 16) | (quint32(params[i + 3] & 0xff) << 8) |
                    quint32(params[i + 4] & 0xff);
                i += 4;
            } else {
                return; // malformed extended colour: ignore the rest of this sequence
            }
            (p == 38 ? s.fg : s.bg) = c;
        }
    }
}

} // namespace

quint32 AnsiText::xtermColor(int index)
{
    if (index < 0 || index > 255)
        return 0;
    if (index < 16)
        return kSet | kBasic[index];
    if (index < 232) { // 6x6x6 cube
        const int i = index - 16;
        auto level = [](int v) { return quint32(v == 0 ? 0 : 55 + v * 40); };
        return kSet | (level(i / 36) << 16) | (level((i / 6) % 6) << 8) | level(i % 6);
    }
    const quint32 g = quint32(8 + (index - 232) * 10); // grey ramp
    return kSet | (g << 16) | (g << 8) | g;
}

qsizetype AnsiText::sequenceEnd(QByteArrayView t, qsizetype at)
{
    const qsizetype n = t.size();
    if (at + 1 >= n)
        return n;
    qsizetype i = at + 2;
    if (t[at + 1] == '[') { // CSI: parameters and intermediates, then a final byte 0x40-0x7e
        while (i < n && !(t[i] >= 0x40 && t[i] <= 0x7e))
            ++i;
        return i;
    }
    if (t[at + 1] == ']') { // OSC: until BEL or ESC backslash
        while (i < n && t[i] != '\x07' && !(t[i] == '\x1b' && i + 1 < n && t[i + 1] == '\\'))
            ++i;
        return i < n && t[i] == '\x1b' ? i + 1 : i;
    }
    return at + 1; // two-byte escape
}

QList<AnsiSpan> AnsiText::parse(QByteArrayView t, QString *text)
{
    QList<AnsiSpan> spans;
    QString out;
    State state;
    QByteArray run; // bytes of the current run, decoded when the attributes change
    auto flush = [&] {
        if (run.isEmpty())
            return;
        const QString piece = QString::fromUtf8(run);
        run.clear();
        if (!spans.isEmpty() && spans.last().fg == state.fg && spans.last().bg == state.bg &&
            spans.last().bold == state.bold && spans.last().start + spans.last().length == out.size()) {
            spans.last().length += int(piece.size());
        } else {
            spans.append({int(out.size()), int(piece.size()), state.fg, state.bg, state.bold});
        }
        out += piece;
    };
    const qsizetype n = t.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char c = t[i];
        if (c != '\x1b') {
            run.append(c);
            continue;
        }
        const qsizetype begin = i + 2;
        const bool csi = i + 1 < n && t[i + 1] == '[';
        i = sequenceEnd(t, i);
        if (csi) {
            if (i < n && t[i] == 'm') {
                QList<int> params;
                bool any = false;
                int value = 0;
                for (qsizetype j = begin; j < i; ++j) {
                    if (t[j] >= '0' && t[j] <= '9') {
                        value = std::min(value * 10 + (t[j] - '0'), 100000);
                        any = true;
                    } else if (t[j] == ';' || t[j] == ':') {
                        params << (any ? value : 0);
                        value = 0;
                        any = false;
                    }
                }
                if (any || !params.isEmpty())
                    params << value;
                State next = state;
                applySgr(params, next);
                if (next.fg != state.fg || next.bg != state.bg || next.bold != state.bold) {
                    flush();
                    state = next;
                }
            }
        }
    }
    flush();
    if (text)
        *text = out;
    return spans;
}

} // namespace Sitrep::Logs
