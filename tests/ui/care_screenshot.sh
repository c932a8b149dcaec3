#!/bin/sh
# The care screens of the real app under Xvfb against the synthetic queue replica (ui_queue_replica): the kiosk's
# self-screening (a question, the result, the yearly refusal), the clinician's screening completing a kiosk
# screening, and the visit record, signed in for real as the clinician; checks each PNG.
# usage: care_screenshot.sh SIMPUL REPLICA_TOOL SIMPULCTL PNG_CHECK OUT_DIR
# Exit 77 (CTest SKIP_RETURN_CODE) when xvfb-run is not installed.
set -u
simpul=$1 tool=$2 ctl=$3 check=$4 out=$5 password=demo-sandi-1
. "$(dirname "$0")/screenshot_lib.sh"
mkdir -p "$out"
"$tool" "$dir/replica.db" >"$dir/people.txt" || fail "replica"
id_of() { awk -v n="$1" '$3 == n { print $2 }' "$dir/people.txt"; }
siti=$(id_of Siti) budi=$(id_of Budi) dewi=$(id_of Dewi)
[ -n "$siti" ] && [ -n "$budi" ] && [ -n "$dewi" ] || fail "participants: $(cat "$dir/people.txt")"

# Budi was screened at the poli three months ago; Dewi answered at the kiosk today.
cat >"$dir/answers.json" <<'JSON'
{"version": "v1", "answers": {"physical_activity": "no", "vegetables_fruit": "yes", "smoking": "former",
 "high_glucose_history": "no", "bp_medicine": "yes", "diagnosed_diabetes": "no", "diagnosed_hypertension": "yes",
 "diagnosed_kidney": "no", "diagnosed_heart": "no", "painkillers_long_term": "no", "herbal_long_term": "yes",
 "family_diabetes": "first", "family_hypertension": "yes", "family_kidney": "no", "family_premature_heart": "no",
 "swelling": "no", "foamy_urine": "no", "chest_pain_exertion": "no"}}
JSON
earlier=$(date -u -d "@$(( $(date -u +%s) + 7 * 3600 - 90 * 86400 ))" +%Y-%m-%d)
"$ctl" screen --db "$dir/replica.db" --id "$budi" --answers "$dir/answers.json" --mode poli --day "$earlier" \
  >/dev/null || fail "screen budi"
"$ctl" screen --db "$dir/replica.db" --id "$dewi" --answers "$dir/answers.json" --mode kiosk >/dev/null ||
  fail "screen dewi"

shoot kiosk-screening-question --screen kiosk_screening --participant "$siti" --query 4
shoot kiosk-screening-result --screen kiosk_screening --participant "$siti" --query all
shoot kiosk-screening-result-en --screen kiosk_screening --participant "$siti" --query all --lang en
shoot kiosk-screening-too-soon --screen kiosk_screening --participant "$budi"
shoot poli-screening --screen screening --user perawat --participant "$dewi" \
  --query "height_cm=155 weight_kg=68,5 waist_cm=88 systolic_mmhg=142 diastolic_mmhg=91"
shoot poli-visit --screen visit --user perawat --participant "$siti" --query demam
# The screenshots write nothing: Siti is still not screened.
"$ctl" screen list --db "$dir/replica.db" --id "$siti" --json | grep -q '"screenings": \[\]' ||
  fail "a screenshot must not store a screening: $("$ctl" screen list --db "$dir/replica.db" --id "$siti" --json)"
echo ok
