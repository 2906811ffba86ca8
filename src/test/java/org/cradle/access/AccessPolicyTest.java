package org.cradle.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The policy on its own: who reaches how far into a record, and which items they are shown. */
class AccessPolicyTest {

    final AccessPolicy policy = new AccessPolicy();
    final Actor fosterCarer = Actor.of(new Account("fc.bucks", "Fran Carter", "foster-carer", "E10000002/foster-carers"), "test", null);
    final Actor midwife = Actor.of(new Account("mw.bucks", "Maya Webb", "midwife", "E10000002/bht"), "test", null);
    final Actor police = Actor.of(new Account("police.warks", "PC Paul Ossett", "police-officer", "E10000031/warks-police"), "test", null);

    static Standing as(Relation... relations) {
        return new Standing(Set.of(relations), false, false);
    }

    @Test
    void aNameIsForPractitionersAndTheDetailForTheCaseTeam() {
        assertThat(policy.person(police, Standing.NONE)).isEqualTo(AccessPolicy.Reach.NAME);
        assertThat(policy.person(fosterCarer, Standing.NONE)).isEqualTo(AccessPolicy.Reach.NONE);
        assertThat(policy.person(fosterCarer, as(Relation.CORE_GROUP))).isEqualTo(AccessPolicy.Reach.DETAIL);
        assertThat(policy.person(police, as(Relation.BREAK_GLASS))).isEqualTo(AccessPolicy.Reach.DETAIL);
    }

    @Test
    void healthDetailGoesToThoseWhoHoldItAndTheWholePicture() {
        var gpConcern = new Item(Set.of(Sensitivity.HEALTH), "E10000002/gp", Set.of(), Set.of());
        assertThat(policy.item(fosterCarer, as(Relation.CORE_GROUP), gpConcern).shown()).isFalse();
        assertThat(policy.item(fosterCarer, as(Relation.ALLOCATED_WORKER), gpConcern).shown()).isTrue();
        assertThat(policy.item(midwife, as(Relation.INVOLVED_AGENCY), gpConcern).shown()).isTrue();
        var shared = new Item(Set.of(Sensitivity.HEALTH), "E10000002/gp", Set.of("E10000002/foster-carers"), Set.of());
        assertThat(policy.item(fosterCarer, as(Relation.CORE_GROUP), shared).shown()).isTrue();
    }

    @Test
    void restrictedAndSealedItemsNeedTheirNamesOrTheRight() {
        var restricted = new Item(Set.of(Sensitivity.HEALTH), "E10000002/gp", Set.of("E10000002/bht"), Set.of("E10000002/bht"));
        assertThat(policy.item(midwife, as(Relation.CORE_GROUP), restricted).shown()).isTrue();
        assertThat(policy.item(fosterCarer, as(Relation.ALLOCATED_WORKER), restricted).reason()).isEqualTo("restricted to named agencies");
        var sealed = new Item(Set.of(Sensitivity.SEALED), "E10000002/court", Set.of(), Set.of());
        assertThat(policy.item(midwife, as(Relation.REVIEWER), sealed).shown()).isFalse();
        assertThat(policy.item(midwife, new Standing(Set.of(Relation.REVIEWER), false, true), sealed).shown()).isTrue();
        assertThat(policy.item(Actor.operator("ops", null, Set.of()), Standing.NONE, sealed).shown()).isFalse();
        assertThat(policy.item(Actor.operator("ops", "court bundle", Set.of(Right.SEALED_RECORDS)), Standing.NONE, sealed).shown()).isTrue();
    }

    @Test
    void confidentialAddressesOnlyWithTheExplicitRight() {
        assertThat(policy.confidentialAddresses(midwife, as(Relation.ALLOCATED_WORKER, Relation.MANAGER))).isFalse();
        assertThat(policy.confidentialAddresses(midwife, new Standing(Set.of(Relation.CORE_GROUP), true, false))).isTrue();
        assertThat(policy.confidentialAddresses(Actor.operator("ops", null, Set.of()), Standing.NONE)).isFalse();
    }
}
