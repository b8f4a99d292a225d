package com.atelier.infra.web;

import java.util.Collection;
import java.util.List;
import java.util.Set;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationContext;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.KeyDeserializer;
import tools.jackson.databind.ValueDeserializer;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.deser.jdk.StringDeserializer;
import tools.jackson.databind.deser.std.DelegatingDeserializer;
import tools.jackson.databind.deser.std.StdScalarDeserializer;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;

import org.springframework.graphql.GraphQlRequest;

import com.atelier.platform.problem.ControlCharacterInJson;
import com.atelier.platform.problem.ControlCharacters;

/**
 * How the application's {@link JsonMapper} reads request bodies (ADR 27): strictly, so
 * that bad input is a 400 naming the field, never a 500 nor a silent change.
 * <ul>
 * <li>{@code null} inside a list or set is refused ({@code {"lines":[null]}}).</li>
 * <li>A fraction is never truncated into a whole number ({@code "quantity":1.5}).</li>
 * <li>Strings and member names with control characters are refused
 * ({@link ControlCharacters}: tab, line feed and carriage return pass), also where the
 * string is read as another type (a UUID, a number, a date, an enum).</li>
 * <li>A GraphQL request body that is JSON {@code null} is refused.</li>
 * <li>Trailing content after the value is refused (Jackson 3's default, kept).</li>
 * </ul>
 */
final class JsonInput {

	private JsonInput() {
	}

	static void configure(JsonMapper.Builder builder) {
		JsonSetter.Value noNullElements = JsonSetter.Value.forContentNulls(Nulls.FAIL);
		builder.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
			.withConfigOverride(List.class, (o) -> o.setNullHandling(noNullElements))
			.withConfigOverride(Set.class, (o) -> o.setNullHandling(noNullElements))
			.withConfigOverride(Collection.class, (o) -> o.setNullHandling(noNullElements))
			.addModule(new SimpleModule("atelier-input").addDeserializer(String.class, new CheckedStrings())
				.addKeyDeserializer(String.class, new CheckedKeys())
				.setDeserializerModifier(new Checks()));
	}

	/** Strings, as Jackson reads them, then checked for control characters. */
	static final class CheckedStrings extends StdScalarDeserializer<String> {

		CheckedStrings() {
			super(String.class);
		}

		@Override
		public String deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
			String value = StringDeserializer.instance.deserialize(p, ctxt);
			if (value != null && ControlCharacters.refused(value)) {
				throw new ControlCharacterInJson(p);
			}
			return value;
		}

		@Override
		public Object getNullValue(DeserializationContext ctxt) {
			return null;
		}

		@Override
		public Object getEmptyValue(DeserializationContext ctxt) {
			return "";
		}

		@Override
		public tools.jackson.databind.type.LogicalType logicalType() {
			return tools.jackson.databind.type.LogicalType.Textual;
		}

	}

	/** Map keys (member names of free-form objects), checked the same way. */
	static final class CheckedKeys extends KeyDeserializer {

		@Override
		public Object deserializeKey(String key, DeserializationContext ctxt) throws JacksonException {
			if (ControlCharacters.any(key)) {
				throw new ControlCharacterInJson(ctxt.getParser());
			}
			return key;
		}

	}

	/**
	 * Checks around Jackson's own deserializers: a scalar read from a JSON string (a
	 * UUID, a number, a date, an enum) is refused when the string holds a control
	 * character (Jackson would trim some of them away silently); and a GraphQL-over-HTTP
	 * body must be a JSON object, since {@code null} would reach Spring for GraphQL as no
	 * request at all (a NullPointerException, a 500).
	 */
	static final class Checks extends ValueDeserializerModifier {

		@Override
		public ValueDeserializer<?> modifyDeserializer(DeserializationConfig config,
				BeanDescription.Supplier beanDescRef, ValueDeserializer<?> deserializer) {
			if (GraphQlRequest.class.isAssignableFrom(beanDescRef.getBeanClass())) {
				return new NotNull(deserializer);
			}
			if (deserializer instanceof StdScalarDeserializer<?> && !(deserializer instanceof CheckedStrings)) {
				return new CheckedScalar(deserializer);
			}
			return deserializer;
		}

		@Override
		public ValueDeserializer<?> modifyEnumDeserializer(DeserializationConfig config, JavaType type,
				BeanDescription.Supplier beanDescRef, ValueDeserializer<?> deserializer) {
			// Jackson trims an enum's name before it looks it up again.
			return new CheckedScalar(deserializer);
		}

		private static final class CheckedScalar extends DelegatingDeserializer {

			CheckedScalar(ValueDeserializer<?> delegate) {
				super(delegate);
			}

			@Override
			protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> newDelegatee) {
				return new CheckedScalar(newDelegatee);
			}

			@Override
			public Object deserialize(JsonParser p, DeserializationContext ctxt) throws JacksonException {
				if (p.hasToken(JsonToken.VALUE_STRING) && ControlCharacters.refused(p.getString())) {
					throw new ControlCharacterInJson(p);
				}
				return super.deserialize(p, ctxt);
			}

		}

		private static final class NotNull extends DelegatingDeserializer {

			NotNull(ValueDeserializer<?> delegate) {
				super(delegate);
			}

			@Override
			protected ValueDeserializer<?> newDelegatingInstance(ValueDeserializer<?> newDelegatee) {
				return new NotNull(newDelegatee);
			}

			@Override
			public Object getNullValue(DeserializationContext ctxt) {
				return ctxt.reportInputMismatch(this, "A GraphQL request must be a JSON object, not null");
			}

		}

	}

}
