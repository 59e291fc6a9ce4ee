#include "comms/UpdateComposer.h"

#include "comms/UpdateRenderer.h"

namespace Sitrep::Comms {

NotifierUpdate UpdateComposer::compose(const UpdateTemplate &t, const FieldValues &values)
{
    NotifierUpdate u;
    u.templateName = t.name();
    u.heading = UpdateRenderer::heading(t, values);
    u.status = values.value(QStringLiteral("status")).toLower();
    u.severity = values.value(QStringLiteral("severity"));
    u.service = values.value(QStringLiteral("service"));
    u.plainText = UpdateRenderer::render(t, values, TextFormat::Plain);
    u.plainBody = UpdateRenderer::render(t, values, TextFormat::Plain, UpdateRenderer::Options{false});
    u.markdown = UpdateRenderer::render(t, values, TextFormat::Markdown);
    u.slack = UpdateRenderer::render(t, values, TextFormat::Slack);
    u.slackBody = UpdateRenderer::render(t, values, TextFormat::Slack, UpdateRenderer::Options{false});
    // Only the template's own fields travel, in a stable form.
    for (const auto &f : t.fields()) {
        if (values.contains(f.key))
            u.fields.insert(f.key, values.value(f.key));
    }
    return u;
}

} // namespace Sitrep::Comms
