CREATE INDEX "persons_name_initials_pattern_idx" ON "persons" ("name_initials" text_pattern_ops);
CREATE INDEX "persons_phone_pattern_idx" ON "persons" ("phone" text_pattern_ops);
CREATE INDEX "persons_phone_reverse_idx" ON "persons" (reverse("phone") text_pattern_ops);
CREATE INDEX "persons_origin_division_pattern_idx" ON "persons" ("origin_division_code" text_pattern_ops, "id");
CREATE INDEX "divisions_name_pattern_idx" ON "divisions" ("name" text_pattern_ops);
