package io.github.livetemplate.processor.model;

/**
 * What a built-in function or operator computes; {@code generate/ExprCode} writes the Java for
 * each. For comparisons the Go operator ({@code eq}, {@code ne}, {@code lt}, ...) is the {@link
 * Expr.Func#name}.
 */
public enum Op {
    /** {@code !a}. */
    NOT,
    /** Go truth of a primitive number: {@code a != 0}. */
    NONZERO,
    /** Go truth of anything else, at run time. */
    TRUTH,
    /** Every boolean argument holds: {@code (a && b ...)}. */
    ALL,
    /** Some boolean argument holds: {@code (a || b ...)}. */
    ANY,
    /**
     * Go's {@code and} of non-booleans: the first falsy operand, else the last. The arguments are
     * the n operands, then their n truth values.
     */
    FIRST_FALSY,
    /** Go's {@code or} of non-booleans: the first truthy operand, else the last (as above). */
    FIRST_TRUTHY,
    /** {@code print}: Go's fmt.Sprint. */
    SPRINT,
    /** {@code println}: Go's fmt.Sprintln. */
    SPRINTLN,
    /** {@code printf}: Go's fmt.Sprintf. */
    SPRINTF,
    /** {@code html}, {@code urlquery}, {@code js}: the runtime function of that name. */
    ESCAPE_FUNCTION,
    /** {@code len} of a collection or map. */
    SIZE,
    /** {@code len} of an array. */
    LENGTH,
    /** {@code len} of a string or of a value known only at run time. */
    LEN,
    /** {@code index} of an array. */
    ARRAY_INDEX,
    /** {@code index} of a list. */
    LIST_INDEX,
    /** {@code index} of a map. */
    MAP_INDEX,
    /** {@code index} of a value known only at run time. */
    INDEX,
    /** {@code slice}, cast back to the argument's type. */
    SLICE,
    /** A Java operator on primitives, booleans or null. */
    OPERATOR,
    /** An ordering by the runtime's Go-like comparison. */
    COMPARE,
    /** Equality by the runtime's Go-like rules (strings, numbers of unknown type). */
    GO_EQUALS,
    /** Equality by {@code Objects.equals}. */
    EQUALS,
    /** Identity: enum constants. */
    SAME,
    /** {@code Optional.get()}: the value a {@code with} binds. */
    OPTIONAL_GET,
    /**
     * The trailing arguments of a varargs method packed into an array of the {@link Expr.Func}'s
     * (array) type: {@code new String[] {a, b}}.
     */
    NEW_ARRAY,
    /** A range over an integer n: the list {@code 0 … n-1} (empty for n <= 0). */
    INT_RANGE
}
