from django.urls import path

from sikap.evaluation.views import (
    calculator,
    calibration,
    documents,
    evaluations,
    exports,
    objections,
    peer,
    renewals,
    settings,
)

app_name = "evaluation"
urlpatterns = [
    path("", evaluations.index, name="index"),
    path("kalkulator/", calculator.calculator, name="calculator"),
    path("pengaturan/", settings.settings_edit, name="settings"),
    path("siasn/periode/<int:pk>.<str:fmt>", exports.siasn_period, name="siasn_period"),
    path("siasn/tahun/<int:pk>.<str:fmt>", exports.siasn_year, name="siasn_year"),
    path("skp/<int:plan_pk>/periode/<int:period_pk>/", evaluations.evaluate, name="evaluate"),
    path(
        "skp/<int:plan_pk>/periode/<int:period_pk>/rekan/", peer.peer_request, name="peer_request"
    ),
    path("rekan/", peer.peer_inbox, name="peer_inbox"),
    path("rekan/<int:pk>/", peer.peer_answer, name="peer_answer"),
    path("<int:pk>/", evaluations.detail, name="detail"),
    path("<int:pk>/dokumen.pdf", documents.document, name="document"),
    path("<int:pk>/formulir.pdf", documents.form_pdf, name="form_pdf"),
    path("<int:pk>/dosir-pppk-pw.pdf", documents.pppk_dossier, name="pppk_dossier"),
    path("<int:pk>/rekomendasi-pppk-pw/", renewals.renewal, name="renewal"),
    path("rekomendasi-pppk-pw/", renewals.renewal_list, name="renewal_list"),
    path("<int:pk>/keberatan/", objections.objection_create, name="objection_create"),
    path("keberatan/<int:pk>/", objections.objection_decide, name="objection_decide"),
    path("kalibrasi/<int:unit_pk>/<int:period_pk>/", calibration.calibration, name="calibration"),
    path(
        "kalibrasi/<int:unit_pk>/<int:period_pk>/ubah/<int:pk>/",
        calibration.calibrate,
        name="calibrate",
    ),
    path(
        "kalibrasi/<int:unit_pk>/<int:period_pk>/penetapan/",
        calibration.determine,
        name="determine",
    ),
    path(
        "kalibrasi/<int:unit_pk>/<int:period_pk>/penetapan/koreksi/",
        calibration.correct,
        name="determination_correct",
    ),
    path(
        "kalibrasi/<int:unit_pk>/<int:period_pk>/penetapan.pdf",
        documents.determination_pdf,
        name="determination_pdf",
    ),
    path(
        "kalibrasi/<int:unit_pk>/<int:period_pk>/hasil.xlsx",
        documents.unit_xlsx,
        name="unit_xlsx",
    ),
    path(
        "predikat-organisasi/<int:unit_pk>/<int:period_pk>/",
        calibration.organisation_predicate,
        name="organisation_predicate",
    ),
]
