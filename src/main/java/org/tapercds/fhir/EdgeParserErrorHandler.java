package org.tapercds.fhir;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.ErrorHandlerAdapter;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue.ScalarType;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue.ValueType;

/**
 * How strictly request FHIR is parsed. Neither of HAPI's two handlers fits: {@code
 * LenientErrorHandler} accepts garbage (a number where a date belongs, an invalid date) and drops
 * it silently, so a wrong dose history could be evaluated as if complete; {@code
 * StrictErrorHandler} also refuses elements it does not know, which EHRs send (R4B/R5 elements,
 * vendor additions) and which do not harm us. So:
 *
 * <ul>
 *   <li>refused (400 {@code invalid-fhir-resource}): a value of the wrong JSON type, an invalid
 *       primitive value (bad date, unknown code of a required binding), an array where one value
 *       belongs;
 *   <li>refused too: a {@code modifierExtension} where R4 has none (e.g. in {@code Timing.repeat}):
 *       a modifier changes the meaning of what holds it, so dropping it would misread the order;
 *   <li>tolerated: other unknown elements and attributes, unresolved or internal references, contained
 *       resources without id, missing required elements (a clinically incomplete resource is the
 *       rules' business: they answer with a {@code dose-unassessable} card, not an error).
 * </ul>
 *
 * Extensions are always accepted (they are regular elements). The exception message names the
 * element only, never the value, so it is safe to send back and to log.
 */
final class EdgeParserErrorHandler extends ErrorHandlerAdapter {

    @Override
    public void incorrectJsonType(
            IParseLocation location,
            String elementName,
            ValueType expectedValueType,
            ScalarType expectedScalarType,
            ValueType foundValueType,
            ScalarType foundScalarType) {
        throw new StructureError("element '" + elementName + "'" + within(location) + " has the wrong JSON type");
    }

    @Override
    public void unknownElement(IParseLocation location, String elementName) {
        if ("modifierExtension".equals(elementName)) {
            throw new StructureError("element 'modifierExtension'" + within(location)
                    + " is not allowed there, and a modifier cannot be ignored");
        }
    }

    @Override
    public void invalidValue(IParseLocation location, String value, String error) {
        throw new StructureError("an invalid value" + within(location));
    }

    @Override
    public void unexpectedRepeatingElement(IParseLocation location, String elementName) {
        throw new StructureError("element '" + elementName + "'" + within(location) + " must not repeat");
    }

    private static String within(IParseLocation location) {
        if (location == null || location.getParentElementName() == null) {
            return "";
        }
        return " in '" + location.getParentElementName() + "'";
    }

    /** A structural problem with a client-safe message (element names only). */
    static final class StructureError extends DataFormatException {
        StructureError(String message) {
            super(message);
        }
    }
}
