#include "core/SqliteCellScanner.h"

#include <QFile>
#include <QHash>

#include <cstring>

namespace Sitrep::Core {

namespace {

// The file format: https://www.sqlite.org/fileformat2.html
constexpr char kMagic[] = "SQLite format 3";
constexpr int kFileHeader = 100;
constexpr int kWalHeader = 32;
constexpr int kFrameHeader = 24;
constexpr quint8 kTableLeaf = 0x0D;

quint32 be32(const char *p)
{
    const auto *u = reinterpret_cast<const unsigned char *>(p);
    return (quint32(u[0]) << 24) | (quint32(u[1]) << 16) | (quint32(u[2]) << 8) | quint32(u[3]);
}

quint16 be16(const char *p)
{
    const auto *u = reinterpret_cast<const unsigned char *>(p);
    return quint16((u[0] << 8) | u[1]);
}

// SQLite's variable-length integer: up to nine bytes, big-endian, seven bits a byte but the ninth.
// Returns the bytes used, 0 when the buffer ends first.
int readVarint(const char *p, const char *end, qint64 *out)
{
    quint64 v = 0;
    for (int i = 0; i < 9; ++i) {
        if (p + i >= end)
            return 0;
        const auto b = static_cast<unsigned char>(p[i]);
        if (i == 8) {
            v = (v << 8) | b;
            *out = qint64(v);
            return 9;
        }
        v = (v << 7) | (b & 0x7f);
        if (!(b & 0x80)) {
            *out = qint64(v);
            return i + 1;
        }
    }
    return 0;
}

qint64 signedBigEndian(const char *p, int bytes)
{
    qint64 v = (static_cast<signed char>(p[0]));
    for (int i = 1; i < bytes; ++i)
        v = (v << 8) | static_cast<unsigned char>(p[i]);
    return v;
}

// Decodes one record (header of serial types, then the values). Nothing when it does not parse.
std::optional<QVariantList> decodeRecord(const QByteArray &record)
{
    const char *p = record.constData();
    const char *end = p + record.size();
    qint64 headerSize = 0;
    const int n = readVarint(p, end, &headerSize);
    if (n == 0 || headerSize < n || headerSize > record.size())
        return std::nullopt;
    QList<qint64> types;
    const char *h = p + n;
    while (h < p + headerSize) {
        qint64 t = 0;
        const int used = readVarint(h, p + headerSize, &t);
        if (used == 0 || t == 10 || t == 11 || t < 0)
            return std::nullopt;
        types << t;
        h += used;
    }
    QVariantList values;
    const char *body = p + headerSize;
    for (qint64 t : types) {
        static constexpr int kIntBytes[] = {0, 1, 2, 3, 4, 6, 8};
        if (t == 0) {
            values << QVariant();
        } else if (t >= 1 && t <= 6) {
            const int bytes = kIntBytes[t];
            if (body + bytes > end)
                return std::nullopt;
            values << signedBigEndian(body, bytes);
            body += bytes;
        } else if (t == 7) {
            if (body + 8 > end)
                return std::nullopt;
            const quint64 bits = (quint64(be32(body)) << 32) | be32(body + 4);
            double d = 0;
            std::memcpy(&d, &bits, sizeof d);
            values << d;
            body += 8;
        } else if (t == 8 || t == 9) {
            values << qint64(t - 8);
        } else {
            const qint64 len = (t - (t % 2 ? 13 : 12)) / 2;
            if (len < 0 || body + len > end)
                return std::nullopt;
            if (t % 2)
                values << QString::fromUtf8(body, len);
            else
                values << QByteArray(body, len);
            body += len;
        }
    }
    return values;
}

} // namespace

SqliteCellScanner::SqliteCellScanner(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return;
    m_file = f.readAll();
    if (m_file.size() < kFileHeader || std::memcmp(m_file.constData(), kMagic, sizeof kMagic) != 0)
        return;
    m_sqlite = true;
    const quint16 raw = be16(m_file.constData() + 16);
    m_pageSize = raw == 1 ? 65536 : raw;
    if (m_pageSize < 512 || (m_pageSize & (m_pageSize - 1)) != 0)
        m_pageSize = 4096; // the header itself is damaged: guess the default
    m_usable = m_pageSize - static_cast<unsigned char>(m_file.at(20));

    QFile wal(path + QStringLiteral("-wal"));
    if (wal.open(QIODevice::ReadOnly))
        m_wal = wal.readAll();
    if (m_wal.size() >= kWalHeader && (be32(m_wal.constData()) & 0xfffffffe) == 0x377f0682 &&
        int(be32(m_wal.constData() + 8)) == m_pageSize) {
        const quint32 salt1 = be32(m_wal.constData() + 16);
        const quint32 salt2 = be32(m_wal.constData() + 20);
        QList<QPair<quint32, qsizetype>> pending;
        for (qsizetype off = kWalHeader; off + kFrameHeader + m_pageSize <= m_wal.size();
             off += kFrameHeader + m_pageSize) {
            const char *fh = m_wal.constData() + off;
            if (be32(fh + 8) != salt1 || be32(fh + 12) != salt2)
                break; // frames of an earlier generation of the WAL: not part of the database
            pending.append({be32(fh), off + kFrameHeader});
            if (be32(fh + 4) != 0) { // a commit frame: everything up to here was committed
                m_walFrames += pending;
                pending.clear();
            }
        }
    }

    const qsizetype pages = m_file.size() / m_pageSize;
    for (qsizetype i = 0; i < pages; ++i)
        scanPage(m_file.mid(i * m_pageSize, m_pageSize), i == 0);
    for (const auto &frame : std::as_const(m_walFrames))
        scanPage(m_wal.mid(frame.second, m_pageSize), frame.first == 1);
}

QByteArray SqliteCellScanner::pageAt(quint32 number) const
{
    if (number == 0)
        return {};
    for (qsizetype i = m_walFrames.size() - 1; i >= 0; --i) {
        if (m_walFrames.at(i).first == number)
            return m_wal.mid(m_walFrames.at(i).second, m_pageSize);
    }
    const qint64 offset = qint64(number - 1) * m_pageSize;
    if (offset + m_pageSize > m_file.size())
        return {};
    return m_file.mid(offset, m_pageSize);
}

void SqliteCellScanner::scanPage(const QByteArray &page, bool isFirstPage)
{
    ++m_pagesScanned;
    const int header = isFirstPage ? kFileHeader : 0;
    if (page.size() < header + 8 || static_cast<quint8>(page.at(header)) != kTableLeaf) {
        ++m_pagesSkipped;
        return;
    }
    const int cells = be16(page.constData() + header + 3);
    const int pointers = header + 8;
    if (pointers + 2 * cells > page.size()) {
        ++m_pagesSkipped;
        return;
    }
    for (int i = 0; i < cells; ++i) {
        const int offset = be16(page.constData() + pointers + 2 * i);
        if (offset < pointers + 2 * cells || offset >= m_usable)
            continue; // a damaged pointer: the other cells may still be fine
        readCell(page, offset);
    }
}

bool SqliteCellScanner::readCell(const QByteArray &page, int offset)
{
    const char *p = page.constData() + offset;
    const char *end = page.constData() + m_usable;
    qint64 payloadSize = 0;
    qint64 rowid = 0;
    const int a = readVarint(p, end, &payloadSize);
    if (a == 0 || payloadSize < 0 || payloadSize > (qint64(1) << 31))
        return false;
    const int b = readVarint(p + a, end, &rowid);
    if (b == 0)
        return false;
    int consumed = 0;
    const QByteArray payload = payloadWithOverflow(page, offset + a + b, payloadSize, &consumed);
    if (payload.size() != payloadSize)
        return false;
    auto values = decodeRecord(payload);
    if (!values)
        return false;
    m_rows.append(Row{rowid, std::move(*values)});
    return true;
}

QByteArray SqliteCellScanner::payloadWithOverflow(const QByteArray &page, int offset, qint64 payloadSize,
                                                  int *consumed) const
{
    // How much of a payload stays on the leaf page, as the file format defines it.
    const int maxLocal = m_usable - 35;
    qint64 local = payloadSize;
    if (payloadSize > maxLocal) {
        const int minLocal = ((m_usable - 12) * 32 / 255) - 23;
        const qint64 k = minLocal + ((payloadSize - minLocal) % (m_usable - 4));
        local = k <= maxLocal ? k : minLocal;
    }
    if (offset + local > m_usable)
        return {};
    QByteArray out = page.mid(offset, int(local));
    *consumed = int(local);
    if (local == payloadSize)
        return out;
    if (offset + local + 4 > m_usable)
        return {};
    quint32 next = be32(page.constData() + offset + local);
    QHash<quint32, bool> seen; // a damaged chain may loop
    while (out.size() < payloadSize && next != 0 && !seen.contains(next)) {
        seen.insert(next, true);
        const QByteArray overflow = pageAt(next);
        if (overflow.size() < m_usable)
            return {};
        const qint64 take = std::min<qint64>(payloadSize - out.size(), m_usable - 4);
        out += overflow.mid(4, int(take));
        next = be32(overflow.constData());
    }
    return out;
}

} // namespace Sitrep::Core
