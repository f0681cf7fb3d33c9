package io.incidentops.comms.support;

import io.restassured.path.json.JsonPath;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.restassured.RestAssured.given;

/** Reads the public Statuspage v2 JSON the way a status-page client would. */
public final class StatusPageClient {

    private StatusPageClient() {
    }

    public static JsonPath get(String path) {
        return given().accept("application/json").when().get(path).then().statusCode(200).extract().jsonPath();
    }

    public static Optional<Map<String, Object>> incident(String path, String name) {
        List<Map<String, Object>> incidents = get(path).getList("incidents");
        return incidents.stream().filter(i -> name.equals(i.get("name"))).findFirst();
    }

    /** The incident with this page id (the public id, as in its shortlink). */
    public static Optional<Map<String, Object>> incidentById(String path, String pageIncidentId) {
        List<Map<String, Object>> incidents = get(path).getList("incidents");
        return incidents.stream().filter(i -> pageIncidentId.equals(i.get("id"))).findFirst();
    }

    public static long incidentCount(String path, String name) {
        List<Map<String, Object>> incidents = get(path).getList("incidents");
        return incidents.stream().filter(i -> name.equals(i.get("name"))).count();
    }

    public static Optional<Map<String, Object>> component(String path, String name) {
        List<Map<String, Object>> components = get(path).getList("components");
        return components.stream().filter(c -> name.equals(c.get("name"))).findFirst();
    }

    @SuppressWarnings("unchecked")
    public static List<Map<String, Object>> updates(Map<String, Object> incident) {
        return (List<Map<String, Object>>) incident.get("incident_updates");
    }
}
