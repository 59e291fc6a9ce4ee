#pragma once

#include "export/Postmortem.h"

#include <functional>

namespace Sitrep::Export {

// The postmortem as one self-contained HTML file (styles inline, images as data: URIs).
// The PDF writer reuses it with images served as document resources instead.
class HtmlWriter final
{
public:
    // imageSource(index, base64) returns the <img src> for chart index; default: a data: URI.
    using ImageSource = std::function<QString(int, const QString &)>;
    static QString write(const Postmortem &pm, const ImageSource &imageSource = {});
};

} // namespace Sitrep::Export
