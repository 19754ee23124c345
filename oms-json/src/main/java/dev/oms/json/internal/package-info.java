/**
 * The codec behind oms-json's API: writing to a Jackson generator, reading from a Jackson parser,
 * and the upcasters of older stored forms. Not exported.
 */
package dev.oms.json.internal;
