package dev.oms.json.internal;

/**
 * Where a value is in a document ({@code $.lines[1].sku}), built as the decoder descends and
 * rendered only when an error names it, so reading a valid document builds no path text.
 */
final class JsonPath {
    /** The document itself. */
    static final JsonPath ROOT = new JsonPath(null, "$", -1);

    private final JsonPath parent;
    private final String field;
    private final int index;

    private JsonPath(JsonPath parent, String field, int index) {
        this.parent = parent;
        this.field = field;
        this.index = index;
    }

    /** @return the path of a field of the object here */
    JsonPath field(String name) {
        return new JsonPath(this, name, -1);
    }

    /** @return the path of an element of the array here */
    JsonPath index(int i) {
        return new JsonPath(this, null, i);
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder();
        render(out);
        return out.toString();
    }

    private void render(StringBuilder out) {
        if (parent == null) {
            out.append(field);
            return;
        }
        parent.render(out);
        if (field != null) {
            out.append('.').append(field);
        } else {
            out.append('[').append(index).append(']');
        }
    }
}
