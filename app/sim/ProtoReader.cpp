#include "sim/ProtoReader.h"

namespace Sitrep::Sim {

bool ProtoReader::varint(quint64 *out)
{
    quint64 v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (m_pos >= m_data.size())
            return fail();
        const quint8 b = quint8(m_data.at(m_pos++));
        v |= quint64(b & 0x7f) << shift;
        if (!(b & 0x80)) {
            *out = v;
            return true;
        }
    }
    return fail();
}

bool ProtoReader::next(Field *field)
{
    quint64 key = 0;
    if (!varint(&key))
        return false;
    field->number = int(key >> 3);
    field->wireType = int(key & 7);
    field->varint = 0;
    field->bytes.clear();
    quint64 v = 0;
    switch (field->wireType) {
    case 0:
        return varint(&field->varint);
    case 2:
        if (!varint(&v) || v > quint64(m_data.size() - m_pos))
            return fail();
        field->bytes = m_data.mid(m_pos, qsizetype(v));
        m_pos += qsizetype(v);
        return true;
    case 1:
        m_pos += 8;
        return m_pos <= m_data.size() || fail();
    case 5:
        m_pos += 4;
        return m_pos <= m_data.size() || fail();
    default:
        return fail();
    }
}

bool ProtoReader::fail()
{
    m_failed = true;
    return false;
}

QList<ProtoReader::Field> ProtoReader::all(const QByteArray &message, bool *ok)
{
    QList<Field> out;
    ProtoReader r(message);
    Field f;
    while (!r.atEnd() && r.next(&f))
        out << f;
    if (ok)
        *ok = !r.failed();
    return r.failed() ? QList<Field>() : out;
}

QHash<int, QByteArray> ProtoReader::lengthDelimited(const QByteArray &message)
{
    QHash<int, QByteArray> out;
    for (const Field &f : all(message)) {
        if (f.wireType == 2)
            out.insert(f.number, f.bytes);
    }
    return out;
}

} // namespace Sitrep::Sim
