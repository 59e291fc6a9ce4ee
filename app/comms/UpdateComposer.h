#pragma once

#include "comms/DraftFiller.h"
#include "comms/NotifierInterface.h"
#include "comms/UpdateTemplate.h"

namespace Sitrep::Comms {

// Builds the update a Publisher sends: the template rendered in every channel format plus its fields.
class UpdateComposer final
{
public:
    // status/severity/service come from the field values when the template has them ("status" is upper case
    // in the text; the update carries the lower-case status name for plugins such as Statuspage).
    static NotifierUpdate compose(const UpdateTemplate &t, const FieldValues &values);
};

} // namespace Sitrep::Comms
