package io.porter.imports;

import static org.assertj.core.api.Assertions.assertThat;

import io.porter.values.FieldType;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Auto-mapping of English and Spanish headers: accents, case, spaces, underscores and hyphens do not matter. */
class ImportMappingTest {

    private static String fieldOf(String header) {
        return AutoMapper.suggest(List.of(header), List.of()).get(0).field();
    }

    @ParameterizedTest(name = "''{0}'' → {1}")
    @CsvSource(delimiter = '|', value = {
            "Email | email", "E-mail | email", "e_mail | email", "EMAIL | email", "Email Address | email",
            "email-address | email", "  Email   Address  | email", "Correo electrónico | email", "CORREO ELECTRONICO | email",
            "correo_electrónico | email", "Correo-Electrónico | email",
            "Phone | phone", "Phone number | phone", "phone_number | phone", "PHONE-NUMBER | phone", "Teléfono | phone",
            "TELEFONO | phone", "Móvil | phone", "movil | phone", "MÓVIL | phone",
            "First Name | first_name", "first_name | first_name", "FIRST-NAME | first_name", "firstname | first_name",
            "Last name | last_name", "Apellidos | last_name", "apellidos | last_name", "APELLIDO | last_name",
            "Nombre | name", "NOMBRE | name", "Name | name", "Full name | name",
            "Tags | tags", "tags | tags", "TAGS | tags", "Etiquetas | tags", "etiquetas | tags", "Etiqueta | tags",
            "User ID | user_id", "user_id | user_id", "Ciudad | city", "País | country"})
    void aHeaderMapsToItsField(String header, String field) {
        assertThat(fieldOf(header)).isEqualTo(field);
    }

    @Test
    void nombreBesideApellidosIsTheFirstName() {
        List<ColumnMapping> m = AutoMapper.suggest(List.of("Nombre", "Apellidos", "Correo electrónico", "Teléfono", "Etiquetas"), List.of());
        assertThat(m).extracting(ColumnMapping::field).containsExactly("first_name", "last_name", "email", "phone", "tags");
        assertThat(m).extracting(ColumnMapping::column).containsExactly(0, 1, 2, 3, 4);
        assertThat(m).extracting(ColumnMapping::header).containsExactly("Nombre", "Apellidos", "Correo electrónico", "Teléfono", "Etiquetas");
        assertThat(m).allMatch(c -> c.create() == null);
    }

    @Test
    void anEnglishExportMapsWhole() {
        List<ColumnMapping> m = AutoMapper.suggest(List.of("First Name", "Last Name", "Email Address", "Phone number", "Tags"), List.of());
        assertThat(m).extracting(ColumnMapping::field).containsExactly("first_name", "last_name", "email", "phone", "tags");
    }

    @Test
    void aHeaderThatMatchesNothingBecomesANewCustomTextFieldNamedAfterIt() {
        ColumnMapping m = AutoMapper.suggest(List.of("Email", "Favourite Colour", "Código postal"), List.of()).get(1);
        assertThat(m.field()).isEqualTo("custom.favourite_colour");
        assertThat(m.create()).isEqualTo(new ColumnMapping.NewField("text", "Favourite Colour"));
        ColumnMapping cp = AutoMapper.suggest(List.of("Código postal"), List.of()).get(0);
        assertThat(cp.field()).isEqualTo("custom.codigo_postal");
        assertThat(cp.create().label()).isEqualTo("Código postal");
    }

    @Test
    void aHeaderThatNamesAnExistingCustomFieldMapsToIt() {
        List<CustomFieldRef> fields = List.of(new CustomFieldRef("plan", "Plan contratado", FieldType.TEXT));
        List<ColumnMapping> m = AutoMapper.suggest(List.of("Plan contratado", "PLAN", "plan_contratado"), fields);
        assertThat(m.get(0).field()).isEqualTo("custom.plan");
        assertThat(m.get(0).create()).isNull();
        // a second column with the same meaning does not take the field twice
        assertThat(m.get(1).field()).isNotEqualTo("custom.plan");
        assertThat(m.get(2).field()).isNotEqualTo("custom.plan");
    }

    @Test
    void aFieldIsSuggestedOnceAndTheSecondColumnGetsAFieldOfItsOwn() {
        List<ColumnMapping> m = AutoMapper.suggest(List.of("Email", "E-mail", "Correo"), List.of());
        assertThat(m).extracting(ColumnMapping::field).doesNotHaveDuplicates();
        assertThat(m.get(0).field()).isEqualTo("email");
        assertThat(m.get(1).field()).startsWith("custom.");
        assertThat(m.get(1).create()).isNotNull();
    }

    @Test
    void aHeaderThatWouldMakeAStandardFieldKeyGetsAnotherKey() {
        // the first 'Role' takes the standard field; the second cannot be custom.role, which would shadow it
        List<ColumnMapping> m = AutoMapper.suggest(List.of("Role", "Role"), List.of());
        assertThat(m.get(0).field()).isEqualTo("role");
        assertThat(m.get(1).field()).isEqualTo("custom.role_2");
    }

    @Test
    void aBlankHeaderIsSkipped() {
        List<ColumnMapping> m = AutoMapper.suggest(List.of("Email", "  ", ""), List.of());
        assertThat(m.get(1).skipped()).isTrue();
        assertThat(m.get(2).skipped()).isTrue();
    }

    @Test
    void everySuggestionPassesThePlanCheck() {
        List<String> header = List.of("Nombre", "Apellidos", "Correo electrónico", "Teléfono", "Móvil", "Etiquetas", "Plan", "x\"; drop table contact; --");
        List<ColumnMapping> m = AutoMapper.suggest(header, List.of());
        ImportOptions o = new ImportOptions(Purpose.ADD_AND_UPDATE, Identifier.EMAIL, List.of(), null, "ES", false, false);
        ImportPlan plan = ImportPlan.check(o, m, header, List.of(), null);
        assertThat(plan.targets()).hasSize(header.size());
        assertThat(plan.newFields()).extracting(CustomFieldRef::key).allMatch(k -> k.matches("[a-z][a-z0-9_]{0,62}"));
    }
}
