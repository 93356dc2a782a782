/**
 * ObjectTwins: objects of registered, schema-defined types whose every state change is recorded,
 * so that the state of any object at any past instant can be rebuilt. {@link
 * dev.tracemodule.api.twin.ObjectTwins} registers types, records changes and travels in time;
 * {@link dev.tracemodule.api.twin.TwinAnchor} carries an object's id through nested calls and
 * across services. Plain Java, like the rest of the API.
 */
package dev.tracemodule.api.twin;
