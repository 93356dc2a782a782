/**
 * ObjectTwins use cases: register types, record state changes (in order or back-filled), read an
 * object at any instant, its history, a diff, objects by state, the objects of a trace; and
 * anchors, which carry an object's id through nested calls in OpenTelemetry baggage.
 */
package dev.tracemodule.application.twin;
